import type { ThreadEvent } from '../shared/events.js';
import type { Task, TaskStatus } from '../shared/task.js';
import type { EngineApi } from '../engine/engine-api.js';
import type { CliIo } from './cli-io.js';
import { EventPrinter } from './format-event.js';
import { WaitChanges, type WaitBaseline } from './wait-changes.js';

/** How following a task ended: the task reached a final status, or we stopped following it. */
export type WaitOutcome = { kind: 'ended'; status: TaskStatus } | { kind: 'detached'; why: string } | { kind: 'lost' };

/** The exit code for a task's final status: 0 for done or merged, 1 otherwise. */
export function exitCodeFor(status: TaskStatus): number {
  return status === 'done' || status === 'merged' ? 0 : 1;
}

/** Statuses after which a task does nothing more until a user acts. */
const finalStatuses: readonly TaskStatus[] = ['done', 'merged', 'failed', 'stopped', 'interrupted', 'discarded'];

/**
 * Collects thread events from the moment it is created, so nothing is missed while the task is
 * being created; `follow` then prints one task's events until it reaches a final status.
 */
export class TaskFollower {
  private readonly buffered: ThreadEvent[] = [];
  private readonly unsubscribe: () => void;
  private onEvent: ((event: ThreadEvent) => void) | null = null;

  constructor(private readonly api: EngineApi) {
    this.unsubscribe = api.subscribe((event) => (this.onEvent ? this.onEvent(event) : this.buffered.push(event)));
  }

  /**
   * Prints the task's events to stdout until it ends, or until `detach` resolves first, with a line
   * for each configuration change another client makes that touches the task (see WaitChanges).
   */
  follow(
    io: CliIo,
    task: Task,
    baseline: WaitBaseline,
    detach: Promise<string>,
    engineClosed?: Promise<void>,
  ): Promise<WaitOutcome> {
    const printer = new EventPrinter();
    const seen = new Set<number>();
    const changes = new WaitChanges(task, baseline);
    return new Promise<WaitOutcome>((resolve) => {
      let finished = false;
      const stopChanges = this.api.onChange((change) => {
        const said = changes.describe(change);
        if (said) io.stdout.write(printer.flush() + said);
      });
      const finish = (outcome: WaitOutcome) => {
        if (finished) return;
        finished = true;
        this.onEvent = () => undefined;
        this.unsubscribe();
        stopChanges();
        io.stdout.write(printer.flush());
        resolve(outcome);
      };
      const handle = (event: ThreadEvent) => {
        if (event.taskId !== task.id) {
          if (event.type === 'status.changed') changes.otherStatus(event.status, event.previous);
          return;
        }
        if (seen.has(event.seq)) return;
        seen.add(event.seq);
        io.stdout.write(printer.push(event));
        if (event.type === 'status.changed') changes.setStatus(event.status);
        if (event.type === 'status.changed' && finalStatuses.includes(event.status))
          finish({ kind: 'ended', status: event.status });
      };
      this.onEvent = handle;
      for (const event of this.buffered.splice(0)) handle(event);
      void detach.then((why) => finish({ kind: 'detached', why }));
      void engineClosed?.then(() => finish({ kind: 'lost' }));
    });
  }

  /** Stops collecting without following. */
  dispose(): void {
    this.unsubscribe();
  }
}
