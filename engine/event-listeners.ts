import type { ThreadEvent } from '../shared/events.js';

/** Where a listener's failure is reported: once per listener, so one that fails on every event does not flood. */
export type ListenerFailure = (message: string) => void;

/**
 * The engine's subscribers to one kind of event (thread events, configuration changes). Each listener is called on its
 * own: one that throws is
 * reported (once) and the others still get the event; the engine's own work goes on.
 */
export class EventListeners<E extends { type: string } = ThreadEvent> {
  private readonly listeners = new Set<(event: E) => void>();
  private readonly reported = new WeakSet<(event: E) => void>();

  constructor(private readonly report: ListenerFailure) {}

  /** Adds a listener; returns the function that removes it. */
  add(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Gives the event to every listener, each isolated from the others' failures. */
  emit(event: E): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        if (this.reported.has(listener)) continue;
        this.reported.add(listener);
        const reason = error instanceof Error ? error.message : String(error);
        this.report(
          `An event subscriber failed on ${describe(event)} (${reason}); the other subscribers and the task go on. Later failures of that subscriber are not reported.`,
        );
      }
    }
  }
}

function describe(event: { type: string }): string {
  return 'taskId' in event && typeof event.taskId === 'string' ? `${event.type} of task ${event.taskId}` : event.type;
}
