import type { EngineChange } from '../shared/engine-events.js';
import type { ThreadEvent } from '../shared/events.js';
import type { Agent, AgentServices } from './agents/agent.js';
import { AutomationDesk } from './automations/automation-desk.js';
import type { EngineContext } from './engine-context.js';
import type { HomePaths } from './home.js';
import { GroupWatcher } from './groups/group-watcher.js';
import { OverlapWatcher } from './overlaps/overlap-watcher.js';
import { EngineConfig } from './store/engine-config.js';
import { ProviderVault } from './store/provider-vault.js';
import { HostLinks } from './hosts/host-links.js';
import { QueueDesk } from './queue/queue-desk.js';
import { ApprovalDesk } from './tasks/approvals.js';
import { runJob } from './tasks/run-job.js';
import { TaskRunner } from './tasks/task-runner.js';
import { TaskStore } from './tasks/task-store.js';
import { TeamBudgetWatcher } from './teams/team-budget.js';
import { teamToolsFor } from './teams/team-tools.js';
import { mcpServersForTask, type McpServerSources } from './mcp/task-servers.js';
import { McpDesk } from './mcp/mcp-desk.js';
import { TeamMcpServer } from './mcp/team-server.js';
import { PoolDesk } from './pool/pool-desk.js';
import { TeamWakeup } from './teams/team-wakeup.js';
import type { PtyLoader } from './terminals/pty-loader.js';
import { TerminalDesk } from './terminals/terminal-desk.js';

/** The engine's state plus the lifecycle hooks createEngine needs. */
export interface EngineState {
  context: EngineContext;
  /** Re-queues tasks that were queued when the engine last stopped. */
  resumeQueued(): void;
  /** Interrupts running work (recording it), saves the index and closes logs. */
  shutdown(): Promise<void>;
}

/** Loads repos, settings, keys and tasks from FLOTILLA_HOME and wires the owners together. */
export async function createContext(input: {
  paths: HomePaths;
  worktreesRoot: string;
  agents: readonly Agent[] | ((services: AgentServices) => readonly Agent[]);
  emit(event: ThreadEvent): void;
  /** Tells every client about a change the engine made by itself (an automation's run, its next slot). */
  emitChange(change: EngineChange): void;
  /** How terminals get node-pty (tests give one that fails). */
  ptyLoader?: PtyLoader;
}): Promise<EngineState> {
  const { paths } = input;
  const notices: string[] = [];
  const config = await EngineConfig.load(paths);
  // The watcher sees every event the store records, after the subscribers do.
  const groups = new GroupWatcher(() => context);
  const automations = new AutomationDesk(() => context, paths, input.emitChange);
  const teamBudget = new TeamBudgetWatcher(() => context);
  const teamWakeup = new TeamWakeup(() => context);
  const overlaps = new OverlapWatcher(() => context);
  const queue = new QueueDesk(() => context, paths.mergeQueues, input.emitChange);
  const pool = new PoolDesk(() => context);
  const terminals = new TerminalDesk(() => context, input.emitChange, input.ptyLoader);
  const store = TaskStore.load(
    paths,
    (event) => {
      input.emit(event);
      groups.observe(event);
      automations.observe(event);
      teamBudget.observe(event);
      teamWakeup.observe(event);
      overlaps.observe(event);
      queue.observe(event);
      terminals.observe(event);
    },
    notices,
  );
  const vault = new ProviderVault(paths);
  // The keys a host asks for are this side's own: stored, else from this environment.
  const hosts = new HostLinks({ hostsFile: paths.hosts, localKey: (id) => vault.providerConfig(id).apiKey });
  const runner = new TaskRunner(
    store,
    () => config.settings.concurrency,
    (record, work) => runJob(context, record, work),
  );
  config.onSave = () => runner.pump();
  const approvals = new ApprovalDesk({
    record: (taskId, event) => store.record(taskId, event),
    setStatus: (taskId, status) => store.setStatus(taskId, status),
  });
  const mcp = McpDesk.open(paths, config);
  const teamServer = new TeamMcpServer(() => context);
  const mcpSources: McpServerSources = {
    team: (task) => teamServer.serversFor(task),
    user: (task) => mcp.serversFor(task),
  };
  const context: EngineContext = {
    paths,
    worktreesRoot: input.worktreesRoot,
    store,
    runner,
    config,
    vault,
    agents: new Map(),
    approvals,
    groups,
    automations,
    queue,
    pool,
    terminals,
    teamTools: (task) => teamToolsFor(context, task),
    mcpServers: (task) => mcpServersForTask(mcpSources, task),
    mcp,
    hosts,
    notices,
  };

  const services: AgentServices = {
    home: paths.home,
    providerConfig: (id) => vault.providerConfig(id),
    prices: () => vault.prices(),
    mcpStarted: (taskId, server, check) => {
      const record = store.get(taskId);
      if (record && mcp.recordStart(record.task.repoId, server, check))
        input.emitChange({ type: 'mcp.changed', servers: mcp.list() });
    },
  };
  const agents = typeof input.agents === 'function' ? input.agents(services) : input.agents;
  for (const agent of agents) context.agents.set(agent.id, agent);

  return {
    context,
    resumeQueued: () => {
      runner.resumeQueued();
      groups.resume();
      automations.start();
      overlaps.resume();
      queue.start();
      pool.start();
    },
    async shutdown() {
      await hosts.closeAll();
      await terminals.closeAll();
      await automations.close();
      // Its turn in flight ends once the runner has stopped the verify it may wait for.
      const queueClosed = queue.close();
      await pool.close();
      await groups.close();
      await overlaps.close();
      await runner.shutdown();
      await teamServer.close();
      await queueClosed;
      await Promise.all([...context.agents.values()].map((agent) => agent.close?.()));
      await store.close();
    },
  };
}
