import { MessageQueue } from '../../shared/message-queue.js';
import { EngineError } from '../errors.js';
import { readEventLog } from '../store/event-log.js';
import { Scheduler } from './scheduler.js';
import type { PendingMessage, TaskRecord } from './task-record.js';
import type { TaskStore } from './task-store.js';

/** What a job gets from the runner: the signal that stops it, and its task's waiting messages. */
export interface JobWork {
  /** Aborted when the task is stopped or the engine closes. */
  readonly signal: AbortSignal;
  /** Takes the oldest waiting message off the queue, or undefined when none waits. */
  next(): PendingMessage | undefined;
  /** Drops every waiting message (the job cannot run them). */
  drop(): void;
}

/** A task's in-flight work. Only the runner reads or changes it. */
interface Runtime {
  /** Messages waiting to run as turns, oldest first. */
  readonly pending: PendingMessage[];
  /** Aborts the current preparation or turn. */
  controller: AbortController | null;
  /** Settles when the task's current job (prepare + turns) ends. */
  job: Promise<void> | null;
}

/**
 * Runs tasks: owns each task's waiting messages, its abort controller and its job, and the
 * scheduler that starts jobs under the concurrency limit. It is the only writer of that state;
 * everyone else asks it to queue, cancel or stop.
 */
export class TaskRunner {
  private readonly runtimes = new Map<string, Runtime>();
  /** Tasks a stop was asked for during their current job (cleared when the next job starts). */
  private readonly stopsAsked = new Set<string>();
  private readonly scheduler: Scheduler;
  private closing = false;

  constructor(
    private readonly store: TaskStore,
    limit: () => number,
    private readonly runJob: (record: TaskRecord, work: JobWork) => Promise<void>,
  ) {
    this.scheduler = new Scheduler(
      limit,
      (taskId) => this.run(taskId),
      (taskId) => {
        // A message sent just as the previous job finished must not be stranded.
        if (this.waitingCount(taskId) > 0 && !this.closing) this.schedule(taskId);
      },
    );
  }

  /** True once the engine is closing: turns that end now are recorded as interrupted, not stopped. */
  get shuttingDown(): boolean {
    return this.closing;
  }

  /**
   * True when the task's work that ends now was cut off by the engine closing; false when a stop was asked for first
   * (a stop still settling as the engine closes is a stop: the task must not start again by itself).
   */
  interruptedByShutdown(taskId: string): boolean {
    return this.closing && !this.stopsAsked.has(taskId);
  }

  /** Adds a message to the task's queue and schedules the task. */
  enqueue(taskId: string, message: PendingMessage): void {
    this.runtime(taskId).pending.push(message);
    this.schedule(taskId);
  }

  /** Queues a task's job (prepare if needed, then pending turns) under the concurrency limit. */
  schedule(taskId: string): void {
    if (this.closing) return;
    if (this.scheduler.isActive(taskId)) return;
    if (this.scheduler.enqueue(taskId)) this.store.setStatus(taskId, 'queued');
  }

  /** Takes a task that waits for a free slot off the queue (its status is left as is); true when it was waiting. */
  unschedule(taskId: string): boolean {
    return this.scheduler.cancel(taskId);
  }

  /** Starts waiting jobs while slots are free (after the concurrency limit changed). */
  pump(): void {
    this.scheduler.pump();
  }

  /** Stops a task's job if it is queued or running, and waits until it has settled. */
  async stop(taskId: string): Promise<void> {
    if (!this.store.get(taskId)) return;
    const runtime = this.runtime(taskId);
    runtime.pending.length = 0;
    this.stopsAsked.add(taskId);
    if (this.scheduler.cancel(taskId)) {
      this.store.setStatus(taskId, 'stopped', 'Stopped before it started.');
      return;
    }
    runtime.controller?.abort();
    await runtime.job?.catch(() => undefined);
  }

  /** True while the task's preparation or a turn runs (or is between turns of one job). */
  isBusy(taskId: string): boolean {
    return this.runtimes.get(taskId)?.controller != null;
  }

  /** True while the task has a job, even one that has not taken its controller yet. */
  hasJob(taskId: string): boolean {
    return this.runtimes.get(taskId)?.job != null;
  }

  /** How many messages wait to run as turns of the task. */
  waitingCount(taskId: string): number {
    return this.runtimes.get(taskId)?.pending.length ?? 0;
  }

  /** True when a message other than `seq` waits for the task. */
  hasOtherWaiting(taskId: string, seq: number): boolean {
    return (this.runtimes.get(taskId)?.pending ?? []).some((message) => message.seq !== seq);
  }

  /** Takes a waiting message off the task's queue; returns how many are left. */
  cancelMessage(taskId: string, seq: number): number {
    const pending = this.runtime(taskId).pending;
    const index = pending.findIndex((message) => message.seq === seq);
    if (index >= 0) pending.splice(index, 1);
    return pending.length;
  }

  /** Re-queues tasks that were queued when the engine last stopped, with their unanswered messages. */
  resumeQueued(): void {
    for (const record of this.store.all()) {
      if (record.task.status !== 'queued') continue;
      const pending = this.runtime(record.task.id).pending;
      pending.push(...unansweredMessages(record));
      if (pending.length === 0) pending.push({ seq: null, text: record.task.prompt });
      this.scheduler.enqueue(record.task.id);
    }
  }

  /**
   * Runs work for a task outside a turn (its checks on request) as the task's job: a stop aborts it, the task counts
   * as busy meanwhile, and a turn queued for it waits until it ends.
   */
  async runExclusive<T>(taskId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    // Work begun after shutdown stopped every job would never be stopped, and would hold the engine's close.
    if (this.closing) throw new EngineError('engineUnavailable', 'The engine is shutting down.');
    const runtime = this.runtime(taskId);
    const controller = new AbortController();
    runtime.controller = controller;
    const job = work(controller.signal);
    runtime.job = job.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await job;
    } finally {
      if (runtime.controller === controller) runtime.controller = null;
      runtime.job = null;
    }
  }

  /** Stops scheduling, interrupts running work and waits until it has settled. */
  async shutdown(): Promise<void> {
    this.closing = true;
    const running = [...this.runtimes.values()].filter((runtime) => runtime.controller);
    for (const runtime of running) runtime.controller?.abort();
    await Promise.all(running.map((runtime) => runtime.job?.catch(() => undefined)));
  }

  private async run(taskId: string): Promise<void> {
    const record = this.store.get(taskId);
    if (!record) return;
    const runtime = this.runtime(taskId);
    // Checks run on request finish before a turn starts in the same worktree.
    await runtime.job?.catch(() => undefined);
    this.stopsAsked.delete(taskId);
    const controller = new AbortController();
    runtime.controller = controller;
    const work: JobWork = {
      signal: controller.signal,
      next: () => runtime.pending.shift(),
      drop: () => {
        runtime.pending.length = 0;
      },
    };
    const job = this.runJob(record, work);
    runtime.job = job;
    try {
      await job;
    } finally {
      runtime.controller = null;
      runtime.job = null;
    }
  }

  private runtime(taskId: string): Runtime {
    let runtime = this.runtimes.get(taskId);
    if (!runtime) {
      runtime = { pending: [], controller: null, job: null };
      this.runtimes.set(taskId, runtime);
    }
    return runtime;
  }
}

/** User messages that no turn has started on yet, and that were neither cancelled nor dropped by a stop. */
export function unansweredMessages(record: TaskRecord): PendingMessage[] {
  const events = readEventLog(record.log.path).events;
  const queue = new MessageQueue();
  const texts = new Map<number, string>();
  for (const event of events) {
    if (event.type === 'user.message') texts.set(event.seq, event.text);
    queue.fold(event);
  }
  return queue.waiting.map((seq) => ({ seq, text: texts.get(seq) ?? '' }));
}
