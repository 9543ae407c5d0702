import { inBackground } from '../git/background.js';
import type { ThreadEvent } from '../../shared/events.js';
import { sameOverlaps, type Overlap } from '../../shared/overlap.js';
import type { Task } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { mergeTrees } from '../git/merge-tree.js';
import { changedFiles, workCommit, type WorkingFiles } from '../worktree/changed-files.js';
import { isOpenTask, overlapPairs, overlapsByTask, type OverlapPair, type TaskFiles } from './find-overlaps.js';

/** How long a burst of counts settles before the files are read (the live count already spaces them out). */
const settleMs = 50;
/** How often a pass of conflict checks records what it found so far. */
const publishEveryMs = 250;

/** Events after which a task may change other files than before. */
function movesFiles(event: ThreadEvent): boolean {
  switch (event.type) {
    case 'changes.counted':
    case 'checkpoint':
    case 'base.merged':
    case 'branch.rolledBack':
    case 'restored':
      return true;
    default:
      return false;
  }
}

/** The state of a pair's work a check was made for: each task's HEAD and worktree tree (the strings `work` holds). */
type PairWork = readonly [string | undefined, string | undefined, string | undefined, string | undefined];

/** What is known about whether a pair's changes conflict, and for which state of their work. */
interface ConflictCheck {
  work: PairWork;
  conflicts: boolean;
}

/**
 * Keeps, for the open tasks of each repository, the files each changes against its base (after every count and
 * checkpoint), and records `overlaps.changed` on both tasks when two on the same base change the same file. Whether
 * such a pair's changes conflict is found in the background by a merge-tree, one at a time; until then the pair shows
 * what was last found. A merged or discarded task leaves every warning at once.
 */
export class OverlapWatcher {
  private readonly work = new Map<string, WorkingFiles>();
  private readonly checks = new Map<string, ConflictCheck>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  // A reader engine never reads worktrees; any engine clears warnings of a merged or discarded task.
  private started = false;
  private closed = false;

  constructor(private readonly context: () => EngineContext) {}

  /** Looks at one recorded event (called for every event the store records). */
  observe(event: ThreadEvent): void {
    if (this.closed || event.type === 'overlaps.changed') return;
    if (event.type === 'status.changed' && (event.status === 'merged' || event.status === 'discarded')) {
      this.work.delete(event.taskId);
      // Recorded inside the store's own record(): the other tasks' events follow it.
      queueMicrotask(() => void this.publish());
      return;
    }
    if (!movesFiles(event)) return;
    // An engine that runs or moves a task reads worktrees from then on, even a one-shot `flotilla run --wait`.
    if (!this.started) this.resume();
    this.dirty.add(event.taskId);
    this.soon();
  }

  /** Starts reading worktrees, beginning with every open task (what they change may have moved while stopped). */
  resume(): void {
    this.started = true;
    for (const record of this.context().store.all()) if (isOpenTask(record.task)) this.dirty.add(record.task.id);
    this.soon();
  }

  /**
   * Stops watching: waits for a pass under way, then reads what is still unread, so an engine that closes right after
   * a task's last checkpoint (a one-shot `flotilla run --wait`) still records its overlaps; the merges are left for
   * the next engine that stays up.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.pass;
    if (!this.started || this.dirty.size === 0) return;
    try {
      await this.readDirty();
      this.publish();
    } catch {
      // As in a pass: the next engine reads again.
    }
  }

  private soon(): void {
    if (!this.started || this.closed || this.timer || this.pass) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // A warning is advice: a pass that fails (a task gone mid-read) leaves the last ones and the next count retries.
      this.pass = inBackground(() => this.run())
        .catch(() => undefined)
        .finally(() => {
          this.pass = null;
          if (this.dirty.size > 0) this.soon();
        });
    }, settleMs);
    this.timer.unref?.();
  }

  private async run(): Promise<void> {
    await this.readDirty();
    // Found conflicts are recorded together, at most every publishEveryMs and when the pass ends: hundreds of pairs
    // (many open tasks touching the same files) would otherwise record and send every task's warnings once per pair.
    let publishedAt = Date.now();
    let found = false;
    try {
      for (const pair of this.publish()) {
        // New counts came in: the next pass reads them first and comes back to the merges.
        if (this.closed || this.dirty.size > 0) return;
        const work = this.pairWork(pair);
        const checked = this.checks.get(pairKey(pair))?.work;
        if (checked && checked.every((part, index) => part === work[index])) continue;
        const conflicts = await this.mergeConflicts(pair);
        if (conflicts === null || this.closed) continue;
        this.checks.set(pairKey(pair), { work, conflicts });
        found = true;
        if (Date.now() - publishedAt >= publishEveryMs) {
          this.publish();
          publishedAt = Date.now();
          found = false;
        }
      }
    } finally {
      if (found && !this.closed) this.publish();
    }
  }

  /** Reads the files of every task counted since the last read. */
  private async readDirty(): Promise<void> {
    const store = this.context().store;
    for (const taskId of [...this.dirty]) {
      this.dirty.delete(taskId);
      const task = store.get(taskId)?.task;
      if (!task || !isOpenTask(task)) {
        this.work.delete(taskId);
        continue;
      }
      const request = { worktree: task.worktreePath, baseRef: task.baseRef, baseCommit: task.baseCommit };
      try {
        this.work.set(taskId, await changedFiles(request));
      } catch {
        // A worktree mid-change or a base gone: what was last read stands until the next count.
      }
    }
  }

  /** Records every open task's overlaps that changed; returns the pairs found. */
  private publish(): OverlapPair[] {
    const store = this.context().store;
    const tasks = store.all().map((record) => record.task);
    const open = new Set(tasks.filter(isOpenTask).map((task) => task.id));
    const read: TaskFiles[] = [];
    for (const task of tasks) {
      const work = this.work.get(task.id);
      if (work && open.has(task.id)) read.push({ task, files: work.files });
    }
    const pairs = overlapPairs(read);
    // A merged or discarded task's pairs are never asked about again (a restored one is read afresh).
    for (const key of this.checks.keys()) if (!key.split('|').every((id) => open.has(id))) this.checks.delete(key);
    const byTask = overlapsByTask(pairs, (pair) => this.checks.get(pairKey(pair))?.conflicts ?? null);
    for (const task of tasks) {
      const next = open.has(task.id) ? this.expected(task, byTask, open) : [];
      if (!sameOverlaps(next, task.overlaps)) store.record(task.id, { type: 'overlaps.changed', overlaps: next });
    }
    return pairs;
  }

  /** A task read this run gets what was found; one not read keeps its warnings about tasks still open. */
  private expected(task: Task, byTask: Map<string, Overlap[]>, open: Set<string>): Overlap[] {
    if (this.work.has(task.id)) return byTask.get(task.id) ?? [];
    return task.overlaps.filter((overlap) => open.has(overlap.taskId));
  }

  // Held per pair (hundreds with many open tasks on the same files): references to the read strings, not a new key.
  private pairWork(pair: OverlapPair): PairWork {
    const first = this.work.get(pair.first.task.id);
    const second = this.work.get(pair.second.task.id);
    return [first?.head, first?.tree, second?.head, second?.tree];
  }

  /** Whether the pair's work conflicts when merged, or null when that could not be told (a worktree went away). */
  private async mergeConflicts(pair: OverlapPair): Promise<boolean | null> {
    const store = this.context().store;
    const first = store.get(pair.first.task.id)?.task;
    const second = store.get(pair.second.task.id)?.task;
    const firstWork = this.work.get(pair.first.task.id);
    const secondWork = this.work.get(pair.second.task.id);
    if (!first || !second || !firstWork || !secondWork) return null;
    try {
      const [into, other] = await Promise.all([
        workCommit(first.worktreePath, firstWork),
        workCommit(second.worktreePath, secondWork),
      ]);
      return !(await mergeTrees(first.worktreePath, into, other)).clean;
    } catch {
      return null;
    }
  }
}

function pairKey(pair: OverlapPair): string {
  return `${pair.first.task.id}|${pair.second.task.id}`;
}
