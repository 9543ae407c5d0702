import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import { isQueueEntryOpen, type MergeQueue, type QueueEntry } from '../../shared/merge-queue.js';
import type { EngineContext } from '../engine-context.js';
import { toErrorData } from '../errors.js';
import { QueueStore, queueKey } from './queue-store.js';
import { takeTurn } from './queue-turn.js';

/** How often an entry waiting for its task's agent looks again, besides when the task's status changes. */
const waitPollMs = 500;

/**
 * Owns the merge queues: keeps them under FLOTILLA_HOME, and, in an engine that stays up, works each one entry at a
 * time. Only tasks the user queued are ever merged; an entry waiting for its agent is looked at again when the
 * agent's turn ends.
 */
export class QueueDesk {
  readonly store: QueueStore;
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private started = false;
  private closed = false;

  constructor(
    private readonly context: () => EngineContext,
    file: string,
    private readonly emitChange: (change: EngineChange) => void,
  ) {
    this.store = new QueueStore(file);
  }

  /** Starts working the queues (a long-lived engine, once it has started): an interrupted queue resumes. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    for (const queue of this.store.list()) this.kick(queueKey(queue.repoId, queue.base));
  }

  /** Stops taking new entries and waits for the turns in flight (the runner stops their verify). */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.allSettled(this.running.values());
  }

  /** Whether the engine is closing. */
  get closing(): boolean {
    return this.closed;
  }

  /** Saves a queue, tells every client, and works it when it has something to do. */
  save(queue: MergeQueue): MergeQueue {
    const saved = this.store.save(queue);
    this.emitChange({ type: 'queue.changed', queue: saved });
    this.kick(queueKey(saved.repoId, saved.base));
    return saved;
  }

  /** Looks at a recorded event: a queued task whose turn ended, or that was discarded, gets looked at again. */
  observe(event: ThreadEvent): void {
    if (event.type !== 'status.changed' && event.type !== 'discarded') return;
    const found = this.store.find(event.taskId);
    if (!found || !isQueueEntryOpen(found.entry.state)) return;
    queueMicrotask(() => this.kick(queueKey(found.queue.repoId, found.queue.base)));
  }

  /** Works a queue unless it is already being worked (then it goes round once more when done). */
  private kick(key: string): void {
    if (!this.started || this.closed) return;
    if (this.running.has(key)) {
      this.again.add(key);
      return;
    }
    const work = this.work(key)
      .catch((error: unknown) => {
        this.context().notices.push(`Merge queue: ${toErrorData(error).message}`);
      })
      .finally(() => {
        this.running.delete(key);
        if (this.again.delete(key)) this.kick(key);
      });
    this.running.set(key, work);
  }

  /** Takes entries one at a time until the queue is paused, empty, waits for an agent, or the engine closes. */
  private async work(key: string): Promise<void> {
    for (;;) {
      const queue = this.store.get(key);
      const entry = queue?.entries.find((one) => isQueueEntryOpen(one.state));
      if (!queue || !entry || queue.paused || this.closed) return;
      const end = await takeTurn(this.context(), {
        queue,
        entry,
        update: (patch) => this.update(key, entry.taskId, patch),
        setAllAside: (reason) => this.setAllAside(key, reason),
        closing: () => this.closed,
      });
      // An agent's turn can end a moment before its job lets go of the task: look again shortly too.
      if (end === 'wait') this.lookAgain(key);
      if (end !== 'next') return;
    }
  }

  private lookAgain(key: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.kick(key);
    }, waitPollMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Changes an open entry; false when it is no longer in the queue. */
  private update(key: string, taskId: string, patch: Partial<QueueEntry>): boolean {
    const queue = this.store.get(key);
    const entry = queue?.entries.find((one) => one.taskId === taskId);
    if (!queue || !entry || this.closed) return false;
    const updated = { ...entry, ...patch, updatedAt: new Date().toISOString() };
    const entries = queue.entries.map((one) => (one === entry ? updated : one));
    this.emitChange({ type: 'queue.changed', queue: this.store.save({ ...queue, entries }) });
    return true;
  }

  private setAllAside(key: string, reason: string): void {
    const queue = this.store.get(key);
    if (!queue) return;
    const now = new Date().toISOString();
    const entries = queue.entries.map((entry) =>
      isQueueEntryOpen(entry.state) ? { ...entry, state: 'setAside' as const, reason, updatedAt: now } : entry,
    );
    this.emitChange({ type: 'queue.changed', queue: this.store.save({ ...queue, entries }) });
  }
}
