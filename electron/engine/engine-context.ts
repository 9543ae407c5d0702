import type { ThreadEvent, ThreadEventInput } from '../../shared/events.js';
import type { EngineSettings, Repo } from '../../shared/repo.js';
import type { TaskStatus } from '../../shared/task.js';
import type { Agent } from './agents/agent.js';
import type { HomePaths } from './home.js';
import type { TaskRecord } from './tasks/task-record.js';

/** A repository as the engine holds it: the stored record plus its shared git dir. */
export interface RepoEntry {
  repo: Repo;
  commonDir: string;
}

/** The state every command handler and task job works on. One per engine. */
export interface EngineContext {
  paths: HomePaths;
  /** Real path of FLOTILLA_HOME/worktrees: the only place the engine ever deletes from. */
  worktreesRoot: string;
  repos: Map<string, RepoEntry>;
  tasks: Map<string, TaskRecord>;
  settings: EngineSettings;
  agents: Map<string, Agent>;
  /** Engine-level notices (orphan branches, skipped log lines) shown by engine/info. */
  notices: string[];
  /** True once the engine is closing: turns that end now are recorded as interrupted, not stopped. */
  readonly shuttingDown: boolean;
  /** Records a thread event: persists it, updates the task, tells subscribers. */
  record(taskId: string, input: ThreadEventInput): ThreadEvent;
  /** Records a status change if the status differs. */
  setStatus(taskId: string, status: TaskStatus, message?: string | null): void;
  /** Saves repos and settings. */
  saveConfig(): void;
  /** Queues a task's job (prepare if needed, then pending turns) under the concurrency limit. */
  schedule(taskId: string): void;
  /** Stops a task's job if it is queued or running, and waits until it has settled. */
  stop(taskId: string): Promise<void>;
}
