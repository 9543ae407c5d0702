import { mkdirSync, realpathSync } from 'node:fs';
import {
  commands,
  isCommandName,
  type CommandName,
  type CommandParams,
  type CommandResult,
} from '../shared/commands.js';
import type { EngineChange } from '../shared/engine-events.js';
import type { Agent, AgentServices } from './agents/agent.js';
import { createBuiltinAgent } from './agents/builtin/builtin-agent.js';
import { createExternalAgents } from './agents/external/external-agents.js';
import { scriptedAgent } from './agents/scripted-agent.js';
import { changesAfter } from './change-events.js';
import { engineCommands } from './commands/engine-commands.js';
import { agentCommands } from './commands/agent-commands.js';
import { providerCommands } from './commands/provider-commands.js';
import type { Handler, Handlers } from './commands/handler.js';
import { repoCommands } from './commands/repo-commands.js';
import { settingsCommands } from './commands/settings-commands.js';
import { reviewCommands } from './commands/review-commands.js';
import { messageCommands } from './commands/message-commands.js';
import { rollbackCommands } from './commands/rollback-commands.js';
import { taskCommands } from './commands/task-commands.js';
import { verifyCommands } from './commands/verify-commands.js';
import { groupCommands } from './commands/group-commands.js';
import { automationCommands } from './commands/automation-commands.js';
import { queueCommands } from './commands/queue-commands.js';
import { mcpCommands } from './commands/mcp-commands.js';
import { poolCommands } from './commands/pool-commands.js';
import { terminalCommands } from './commands/terminal-commands.js';
import { hostCommands } from './commands/host-commands.js';
import type { EngineApi } from './engine-api.js';
import type { HostLinkProvider } from './hosts/host-link-provider.js';
import { createContext } from './engine-state.js';
import { EngineError } from './errors.js';
import { EventListeners } from './event-listeners.js';
import { homePaths } from './home.js';
import { acquireHomeLock } from './host/home-lock.js';
import { reconcile } from './tasks/reconcile.js';
import { inBackground } from './git/background.js';
import { flotillaVersion } from './package-info.js';
import { beginTrace, endTrace, traceFileFromEnvironment, traced } from './trace/trace.js';
import type { PtyLoader } from './terminals/pty-loader.js';

/** Options for starting an engine on a FLOTILLA_HOME. */
export interface EngineOptions {
  home: string;
  /** Agents to offer, or a factory given the engine's services; defaults to the built-in ones. */
  agents?: readonly Agent[] | ((services: AgentServices) => readonly Agent[]);
  /**
   * Whether queued work starts when the engine opens (default true). A one-shot CLI command's
   * engine closes a moment later, so it leaves queued tasks for a long-lived engine instead of
   * starting and interrupting them.
   */
  resumeQueued?: boolean;
  /**
   * Whether the start-up check repairs the home against git (default true): interrupted turns,
   * stale worktree entries and locks, deleted worktrees. Only engines that stay up do it; a
   * one-shot CLI engine leaves the home as it found it for the next long-lived one.
   */
  reconcile?: boolean;
  /** How terminals get node-pty; node-pty itself by default (tests give one that fails). */
  ptyLoader?: PtyLoader;
}

/** A running engine: the EngineApi plus what hosts need to know about it. */
export interface Engine extends EngineApi {
  readonly home: string;
  /** The links to the remote hosts in hosts.json, which a server routes `?host=NAME` sockets to. */
  readonly hosts: HostLinkProvider;
}

/** The agents every engine offers: the built-in one, the scripted test agent, and the external CLI and ACP agents. */
export function defaultAgents(services: AgentServices): readonly Agent[] {
  return [createBuiltinAgent(services), scriptedAgent, ...createExternalAgents(services)];
}

/**
 * Opens the engine on a FLOTILLA_HOME: takes the home's lock (one engine per home), loads repos,
 * settings and threads, reconciles them with git, and resumes queued work.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const paths = homePaths(options.home);
  for (const folder of [paths.home, paths.threads, paths.worktrees, paths.logs]) mkdirSync(folder, { recursive: true });
  const lock = await acquireHomeLock(paths.home);
  // FLOTILLA_TRACE=1 records where time goes (git calls, phases, model requests, event fan-out) as a Chrome trace.
  const traceFile = traceFileFromEnvironment(paths.home);
  if (traceFile) {
    beginTrace(traceFile);
    process.stderr.write(`flotilla: recording a trace to ${traceFile} (open it in https://ui.perfetto.dev)\n`);
  }
  const worktreesRoot = realpathSync(paths.worktrees);
  let state: Awaited<ReturnType<typeof createContext>> | undefined;
  // A failing subscriber (a closed socket, a buggy window) is the host's problem: say so, and keep the others and the
  // task going.
  const report = (message: string) => {
    process.stderr.write(`flotilla: ${message}\n`);
    state?.context.notices.push(message);
  };
  const listeners = new EventListeners(report);
  const changeListeners = new EventListeners<EngineChange>(report);
  try {
    state = await createContext({
      paths,
      worktreesRoot,
      agents: options.agents ?? defaultAgents,
      emit: (event) => listeners.emit(event),
      emitChange: (change) => changeListeners.emit(change),
      ptyLoader: options.ptyLoader,
    });
    // Background work: its git calls share the engine's few background slots.
    if (options.reconcile ?? true) await inBackground(() => reconcile(state!.context));
  } catch (error) {
    // A failed start must not leave this process holding the home.
    lock.release();
    throw error;
  }
  const context = state.context;
  const facts = { version: flotillaVersion(), startedAt: new Date().toISOString() };
  const handlers: Handlers<CommandName> = {
    ...engineCommands(facts),
    ...settingsCommands,
    ...agentCommands,
    ...providerCommands,
    ...repoCommands,
    ...taskCommands,
    ...messageCommands,
    ...reviewCommands,
    ...rollbackCommands,
    ...verifyCommands,
    ...groupCommands,
    ...automationCommands,
    ...queueCommands,
    ...mcpCommands,
    ...poolCommands,
    ...terminalCommands,
    ...hostCommands,
  };
  if (options.resumeQueued ?? true) state.resumeQueued();
  let closed = false;

  return {
    home: paths.home,
    hosts: context.hosts,
    async call<C extends CommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>> {
      if (closed) throw new EngineError('engineUnavailable', 'The engine is shutting down.');
      if (!isCommandName(method)) throw new EngineError('invalidInput', `Unknown command "${String(method)}".`);
      const parsed = commands[method].params.safeParse(params ?? {});
      if (!parsed.success) {
        const problems = parsed.error.issues
          .map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`)
          .join('; ');
        throw new EngineError('invalidInput', `Invalid ${method} request: ${problems}`);
      }
      const handler = handlers[method] as Handler<C>;
      const result = await traced(`command ${method}`, 'phase', () => handler(context, parsed.data as never));
      const finished = { method, params: parsed.data, result } as Parameters<typeof changesAfter>[0];
      for (const change of await changesAfter(
        finished,
        async () => (await handlers['agent/list'](context, {})).agents,
        () => context.mcp.list(),
      )) {
        changeListeners.emit(change);
      }
      return result;
    },
    subscribe(listener) {
      return listeners.add(listener);
    },
    onChange(listener) {
      return changeListeners.add(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      await state.shutdown();
      if (traceFile) await endTrace();
      lock.release();
    },
  };
}
