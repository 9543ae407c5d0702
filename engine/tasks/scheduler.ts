/**
 * Runs task jobs under a concurrency limit; tasks over it wait in order. The limit is read on
 * every pump so a settings change applies at once.
 */
export class Scheduler {
  private readonly waiting: string[] = [];
  private readonly active = new Set<string>();

  constructor(
    private readonly limit: () => number,
    private readonly runJob: (taskId: string) => Promise<void>,
    private readonly onJobEnd: (taskId: string) => void,
  ) {}

  /** Queues a task's job unless it is already queued or running. Returns true when it was queued. */
  enqueue(taskId: string): boolean {
    if (this.active.has(taskId) || this.waiting.includes(taskId)) return false;
    this.waiting.push(taskId);
    queueMicrotask(() => this.pump());
    return true;
  }

  /** Removes a waiting task; true when it was waiting. */
  cancel(taskId: string): boolean {
    const index = this.waiting.indexOf(taskId);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  /** True while the task's job runs. */
  isActive(taskId: string): boolean {
    return this.active.has(taskId);
  }

  /** True while the task waits for a slot. */
  isWaiting(taskId: string): boolean {
    return this.waiting.includes(taskId);
  }

  /** Starts waiting jobs while slots are free. */
  pump(): void {
    while (this.active.size < this.limit() && this.waiting.length > 0) {
      const taskId = this.waiting.shift() as string;
      this.active.add(taskId);
      void this.runJob(taskId)
        .catch(() => undefined)
        .finally(() => {
          this.active.delete(taskId);
          this.onJobEnd(taskId);
          this.pump();
        });
    }
  }
}
