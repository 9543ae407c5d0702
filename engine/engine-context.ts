import type { ThreadEvent, ThreadEventInput } from '../shared/events.js';
import type { EngineSettings, ModelPrice, ProviderId, Repo } from '../shared/repo.js';
import type { TaskStatus } from '../shared/task.js';
import type { Agent } from './agents/agent.js';
import type { HomePaths } from './home.js';
import type { ApprovalDesk } from './tasks/approvals.js';
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
  /** A provider's key and base URL: stored settings first, then the usual environment variables. */
  providerConfig(id: ProviderId): { apiKey: string | null; baseUrl: string | null };
  /** Stores a provider's key or base URL (null clears it). */
  updateProvider(id: ProviderId, change: { apiKey?: string | null | undefined; baseUrl?: string | null | undefined }): void;
  /** The price table: built-in rows with the user's overrides. */
  prices(): Record<string, ModelPrice>;
  /** Sets or (with null) removes the user's price for a model. */
  updatePrice(model: string, price: ModelPrice | null): void;
  /** Pending approval requests of all tasks. */
  approvals: ApprovalDesk;
  /** Records a thread event: persists it, updates the task, tells subscribers. */
  record(taskId: string, input: ThreadEventInput): ThreadEvent;
  /** Records a status change if the status differs. */
  setStatus(taskId: string, status: TaskStatus, message?: string | null): void;
  /** Saves repos and settings. */
  saveConfig(): void;
  /** Queues a task's job (prepare if needed, then pending turns) under the concurrency limit. */
  schedule(taskId: string): void;
  /** Takes a task that waits for a free slot off the queue (its status is left as is); true when it was waiting. */
  unschedule(taskId: string): boolean;
  /** Stops a task's job if it is queued or running, and waits until it has settled. */
  stop(taskId: string): Promise<void>;
}
