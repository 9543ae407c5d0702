import type { HostLinks } from './hosts/host-links.js';
import type { z } from 'zod';
import type { CommandName, commands } from '../shared/commands.js';
import type { Task } from '../shared/task.js';
import type { Agent } from './agents/agent.js';
import type { Tool } from './agents/tools/tool.js';
import type { McpLaunchServer } from './mcp/launch-server.js';
import type { McpDesk } from './mcp/mcp-desk.js';
import type { AutomationDesk } from './automations/automation-desk.js';
import type { GroupWatcher } from './groups/group-watcher.js';
import type { HomePaths } from './home.js';
import type { EngineConfig } from './store/engine-config.js';
import type { QueueDesk } from './queue/queue-desk.js';
import type { PoolDesk } from './pool/pool-desk.js';
import type { TerminalDesk } from './terminals/terminal-desk.js';
import type { ProviderVault } from './store/provider-vault.js';
import type { ApprovalDesk } from './tasks/approvals.js';
import type { TaskRunner } from './tasks/task-runner.js';
import type { TaskStore } from './tasks/task-store.js';

export type { RepoEntry } from './store/engine-config.js';

/** A command's params as the engine gets them: validated, defaults filled in. */
export type CommandInput<C extends CommandName> = z.output<(typeof commands)[C]['params']>;

/** What every command handler and task job works on: one owner per concern. One per engine. */
export interface EngineContext {
  paths: HomePaths;
  /** Real path of FLOTILLA_HOME/worktrees: the only place the engine ever deletes from. */
  worktreesRoot: string;
  /** Task records, recording their events and statuses, the task index. */
  store: TaskStore;
  /** Waiting messages, running jobs and the scheduler: the only writer of in-flight task state. */
  runner: TaskRunner;
  /** Added repositories and engine settings. */
  config: EngineConfig;
  /** Provider keys and base URLs, and the price table. */
  vault: ProviderVault;
  /** The agents this engine offers, by id. */
  agents: Map<string, Agent>;
  /** Pending approval requests of all tasks. */
  approvals: ApprovalDesk;
  /** Groups of attempts: ranks them once they settle, starts their synthesis, keeps their budget. */
  groups: GroupWatcher;
  /** Automations: their triggers, runs and limits. */
  automations: AutomationDesk;
  /** Merge queues: finished tasks the user queued, merged one at a time. */
  queue: QueueDesk;
  /** Warm pools: prepared worktrees a new task claims instead of making its own. */
  pool: PoolDesk;
  /** Terminals in tasks' worktrees: shells run as the user, outside the agent sandbox. */
  terminals: TerminalDesk;
  /** The agent-team tools a task's built-in agent gets (engine/teams/team-tools.ts); none outside a team. */
  teamTools(task: Pick<Task, 'id' | 'team'>): readonly Tool[];
  /** The MCP servers a task's agent is given for its next turn: Flotilla's team server and the user's servers. */
  mcpServers(task: Task): Promise<readonly McpLaunchServer[]>;
  /** The user's MCP servers: configured ones, a repository's approved `.mcp.json`, their last checks. */
  mcp: McpDesk;
  /** Links to the remote hosts in hosts.json, opened on first use. */
  hosts: HostLinks;
  /** Engine-level notices (orphan branches, skipped log lines) shown by engine/info. */
  notices: string[];
}
