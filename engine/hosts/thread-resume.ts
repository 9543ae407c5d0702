import type { ThreadEvent } from '../../shared/events.js';
import type { Task } from '../../shared/task.js';

/**
 * Keeps a host link's thread events gapless and unrepeated across reconnects: remembers the last sequence number
 * delivered per task, and after a reconnect fetches what each task logged since (and the whole thread of tasks that
 * appeared or moved meanwhile) before letting live events through again.
 */
export class ThreadResume {
  private readonly lastSeq = new Map<string, number>();
  /** The remote's time of the newest event delivered: tasks updated since then changed while we were away. */
  private lastAt: string | null = null;
  private held: ThreadEvent[] | null = null;

  constructor(private readonly deliver: (event: ThreadEvent) => void) {}

  /** Passes an event on unless it was delivered already. */
  private pass(event: ThreadEvent): void {
    if (event.seq <= (this.lastSeq.get(event.taskId) ?? 0)) return;
    this.lastSeq.set(event.taskId, event.seq);
    if (!this.lastAt || event.at > this.lastAt) this.lastAt = event.at;
    this.deliver(event);
  }

  /** An event from the live stream: delivered now, or after the catch-up that is running. */
  live(event: ThreadEvent): void {
    if (this.held) this.held.push(event);
    else this.pass(event);
  }

  /** Holds live events until release (a new connection's catch-up is about to run). */
  hold(): void {
    this.held ??= [];
  }

  /** Forgets the held live events (a catch-up failed; the next one fetches them from the log). */
  discard(): void {
    this.held = null;
  }

  /** Delivers the held live events (duplicates of what the catch-up delivered are dropped) and stops holding. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.pass(event);
  }

  /** Fetches and delivers what each task logged after its last delivered event (new tasks: all of it). */
  async catchUp(
    eventsAfter: (taskId: string, afterSeq: number) => Promise<{ events: ThreadEvent[] }>,
    listTasks: () => Promise<{ tasks: Task[] }>,
  ): Promise<void> {
    if (this.lastSeq.size === 0) return;
    const since = this.lastAt;
    const { tasks } = await listTasks();
    for (const task of tasks) {
      // A task's updatedAt is its newest event's time: one older than what we saw last logged nothing meanwhile.
      if (since !== null && task.updatedAt < since) continue;
      const { events } = await eventsAfter(task.id, this.lastSeq.get(task.id) ?? 0);
      for (const event of events) this.pass(event);
    }
  }
}
