import { inBackground } from '../git/background.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { EngineContext } from '../engine-context.js';
import { countWorkingChanges, sameCount } from '../worktree/change-count.js';
import type { TaskRecord } from './task-record.js';

/** Tools that only look (by name, across agents), after which there is nothing new to count. */
const lookingTools = /^(read|view|glob|grep|search|find|ls|list|fetch|web|todo|think|skill)/i;

/** How often at most a running task's changes are counted. */
export const liveCountIntervalMs = 1500;
/** Counting may take at most this share of the time (a big repository is counted less often). */
const maxBusyShare = 0.1;

/**
 * Keeps a running task's change count current while its agent works, the same way for every
 * agent: after a tool call that may have changed files, it counts the worktree as it is (at most
 * every `liveCountIntervalMs`, less often where counting is slow, one count at a time) and records
 * `changes.counted` when the count moved. The turn's checkpoint counts again at the end, so a
 * count missed here is never wrong for long.
 */
export class LiveChangeCount {
  private readonly toolNames = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private counting: Promise<void> | null = null;
  private lastStart = 0;
  private lastDuration = 0;
  private stopped = false;

  constructor(
    private readonly context: EngineContext,
    private readonly record: TaskRecord,
  ) {}

  /** Looks at each event the agent emitted; a finished tool call that may have written files schedules a count. */
  observe(event: ThreadEvent): void {
    if (this.stopped) return;
    if (event.type === 'tool.started') this.toolNames.set(event.callId, event.name);
    if (event.type !== 'tool.finished') return;
    if (lookingTools.test(this.toolNames.get(event.callId) ?? '')) return;
    this.schedule();
  }

  /** Stops counting and waits for a count under way, so nothing is recorded after the turn ends. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.counting;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    const interval = Math.max(liveCountIntervalMs, this.lastDuration / maxBusyShare);
    const wait = Math.max(0, this.lastStart + interval - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.counting) {
        void this.counting.then(() => this.schedule());
        return;
      }
      this.counting = inBackground(() => this.count()).finally(() => {
        this.counting = null;
      });
    }, wait);
    this.timer.unref?.();
  }

  private async count(): Promise<void> {
    this.lastStart = Date.now();
    const { id, worktreePath, baseRef, baseCommit } = this.record.task;
    try {
      const changes = await countWorkingChanges({ worktree: worktreePath, baseRef, baseCommit });
      if (!this.stopped && !sameCount(changes, this.record.task.changes))
        this.context.store.record(id, { type: 'changes.counted', changes });
    } catch {
      // The worktree can be mid-change (a file half renamed); the next count or the checkpoint settles it.
    }
    this.lastDuration = Date.now() - this.lastStart;
  }
}
