import type { EngineChange } from '../shared/engine-events.js';
import type { RepoSettings } from '../shared/repo.js';
import type { Task, TaskStatus } from '../shared/task.js';

/** The configuration a followed task started under, which later changes are compared with. */
export interface WaitBaseline {
  concurrency: number;
  repoSettings: RepoSettings;
}

// The statuses of a task whose job holds one of the concurrency slots.
const slotHolding: readonly TaskStatus[] = ['preparing', 'running', 'awaitingApproval'];

/**
 * Decides which configuration changes made by another client (the window, another CLI) the person
 * following a task with `flotilla run --wait` hears about: only those that touch that task. Only a
 * queued task is touched: the concurrency limit decides when it starts, and its repository's
 * settings (copied files, setup script) are read when its worktree is created. What else a task
 * uses (agent, model, approval mode, budget) was fixed when it was created, and what goes wrong in
 * a running task (a removed API key) arrives as the task's own events. A repository cannot be
 * removed while one of its tasks is queued or running (the engine refuses), so no removal reaches
 * a followed task.
 */
export class WaitChanges {
  private concurrency: number;
  private repoSettings: RepoSettings;
  private status: TaskStatus;
  private hasWorktree: boolean;
  /** Whether the task waited in the queue at some point since the last settings change. */
  private queuedSinceSettings: boolean;
  /** Whether another task gave up its slot while this one was queued, since the last settings change. */
  private slotFreed = false;

  constructor(
    private readonly task: Task,
    baseline: WaitBaseline,
  ) {
    this.concurrency = baseline.concurrency;
    this.repoSettings = baseline.repoSettings;
    this.status = task.status;
    this.hasWorktree = task.hasWorktree;
    this.queuedSinceSettings = task.status === 'queued';
  }

  /** Follows the task's status (from its status.changed events). */
  setStatus(status: TaskStatus): void {
    this.status = status;
    if (status === 'queued') this.queuedSinceSettings = true;
    // Once past the queue the worktree is being made, with the settings of that moment.
    if (status !== 'queued') this.hasWorktree = true;
  }

  /** Follows the other tasks' statuses: one leaving a slot can be what let this task start. */
  otherStatus(status: TaskStatus, previous: TaskStatus): void {
    if (this.status === 'queued' && slotHolding.includes(previous) && !slotHolding.includes(status))
      this.slotFreed = true;
  }

  /** The line to print for a change (ending in a newline), or null when it does not touch the task. */
  describe(change: EngineChange): string | null {
    switch (change.type) {
      case 'settings.changed': {
        const was = this.concurrency;
        // The engine starts queued tasks as soon as the new limit is saved, before this change
        // arrives: a task that left the queue since the last change, with no slot freed by
        // another task meanwhile, left it because of this one.
        const started = this.status !== 'queued' && this.queuedSinceSettings && !this.slotFreed;
        this.concurrency = change.settings.concurrency;
        this.queuedSinceSettings = this.status === 'queued';
        this.slotFreed = false;
        if (was === this.concurrency) return null;
        if (this.status === 'queued')
          return `another client set concurrency to ${this.concurrency} (was ${was}); this task stays queued until fewer than ${this.concurrency} tasks run\n`;
        return started
          ? `another client set concurrency to ${this.concurrency} (was ${was}), which let this task start\n`
          : null;
      }
      case 'repo.updated': {
        if (change.repo.id !== this.task.repoId) return null;
        const was = this.repoSettings;
        this.repoSettings = change.repo.settings;
        const changed = [
          ...(was.setupScript !== this.repoSettings.setupScript ? ['setup script'] : []),
          ...(was.includePatterns.join('\n') !== this.repoSettings.includePatterns.join('\n')
            ? ['files copied into new worktrees']
            : []),
        ];
        if (changed.length === 0 || this.hasWorktree) return null;
        return `another client changed this repository's ${changed.join(' and ')}; this task uses the new ones when its worktree is created\n`;
      }
      case 'repo.added':
      case 'repo.removed':
      case 'providers.changed':
      case 'pricing.changed':
      case 'agents.changed':
      case 'automation.changed':
      case 'automation.removed':
      case 'automation.ran':
      case 'queue.changed':
      case 'mcp.changed':
      case 'mcp.repoFileChanged':
      case 'terminal.opened':
      case 'terminal.output':
      case 'terminal.exited':
      case 'terminal.closed':
      case 'host.state':
      case 'hosts.changed':
        return null;
      default: {
        const unknown: never = change;
        throw new Error(`unknown change ${String(unknown)}`);
      }
    }
  }
}
