import type { CallHandlers } from './model-access.js';
import type { TurnEmitter } from './turn-emitter.js';

/** Buffered text is emitted at least this often while a reply streams. */
export const textFlushMs = 50;
/** Buffered text is emitted once it is this long. */
export const textFlushChars = 400;

/**
 * Turns a reply's many tiny deltas into fewer `agent.text` / `agent.reasoning` events: text is
 * buffered briefly (a few dozen per second at most), and flushed in order when the kind switches.
 */
export class TextStream {
  private kind: 'agent.text' | 'agent.reasoning' = 'agent.text';
  private buffer = '';
  private timer: NodeJS.Timeout | null = null;
  /** The sequence number of the last text event emitted, when known. */
  lastTextSeq: number | null = null;

  constructor(private readonly emitter: TurnEmitter) {}

  /** The handlers to give the model call. */
  readonly handlers: CallHandlers = {
    onText: (delta) => this.push('agent.text', delta),
    onReasoning: (delta) => this.push('agent.reasoning', delta),
    beforeRetry: () => this.flush(),
  };

  /** Emits whatever is buffered; call when the reply ends (or fails). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer === '') return;
    const seq = this.emitter.emit({ type: this.kind, text: this.buffer });
    if (this.kind === 'agent.text') this.lastTextSeq = seq;
    this.buffer = '';
  }

  private push(kind: 'agent.text' | 'agent.reasoning', delta: string): void {
    if (delta === '') return;
    if (kind !== this.kind) this.flush();
    this.kind = kind;
    this.buffer += delta;
    if (this.buffer.length >= textFlushChars) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), textFlushMs);
  }
}
