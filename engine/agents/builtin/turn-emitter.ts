import type { AgentEvent, AgentTurnContext } from '../agent.js';

/**
 * Emits a turn's events and remembers the sequence number the engine gave the latest one (the
 * engine's emit hands the stamped event back), so compactions can say which events they cover.
 */
export class TurnEmitter {
  /** The newest sequence number known: the history's last, then each stamped event's. */
  lastSeq: number;
  private readonly noticed = new Set<string>();

  constructor(private readonly context: Pick<AgentTurnContext, 'emit' | 'history'>) {
    this.lastSeq = context.history.reduce((max, event) => Math.max(max, event.seq), 0);
    for (const event of context.history) if (event.type === 'notice') this.noticed.add(event.message);
  }

  /** Emits an event; returns its sequence number when the engine reports it. */
  emit(event: AgentEvent): number | null {
    const stamped: unknown = this.context.emit(event);
    const seq =
      typeof stamped === 'object' && stamped !== null && 'seq' in stamped && typeof stamped.seq === 'number'
        ? stamped.seq
        : null;
    if (seq !== null) this.lastSeq = Math.max(this.lastSeq, seq);
    return seq;
  }

  /** Tells the user something in the thread. */
  notice(message: string, level: 'info' | 'warning' = 'info'): void {
    this.noticed.add(message);
    this.emit({ type: 'notice', level, message });
  }

  /** Tells the user something once per task (the thread already holding the same notice counts). */
  noticeOnce(message: string, level: 'info' | 'warning' = 'info'): void {
    if (!this.noticed.has(message)) this.notice(message, level);
  }
}
