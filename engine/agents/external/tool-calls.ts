import type { TextStream } from '../builtin/text-stream.js';
import type { TurnEmitter } from '../builtin/turn-emitter.js';

/**
 * The tool calls of one external-agent turn as thread events: a call starts once, finishes once
 * with how long it ran, and calls still open when the turn ends are abandoned as failed. Buffered
 * text is flushed first so the thread keeps the order things happened in.
 */
export class ToolCalls {
  private readonly startedAt = new Map<string, number>();

  constructor(
    private readonly emitter: TurnEmitter,
    private readonly text: TextStream,
  ) {}

  /** Whether a call has started and not finished yet. */
  isOpen(callId: string): boolean {
    return this.startedAt.has(callId);
  }

  /** Emits tool.started for a call not seen before (repeats are ignored). */
  start(callId: string, name: string, input: unknown): void {
    if (this.startedAt.has(callId)) return;
    this.text.flush();
    this.startedAt.set(callId, Date.now());
    this.emitter.emit({ type: 'tool.started', callId, name, input });
  }

  /** Emits tool.finished for an open call, after the buffered text (unknown calls are ignored). */
  finish(callId: string, ok: boolean, result: string): void {
    const started = this.startedAt.get(callId);
    if (started === undefined) return;
    this.text.flush();
    this.startedAt.delete(callId);
    this.emitter.emit({ type: 'tool.finished', callId, ok, result, durationMs: Date.now() - started });
  }

  /** Marks every open call as failed with `reason` (the turn was stopped or the agent died). */
  abandon(reason: string): void {
    this.text.flush();
    for (const [callId, started] of this.startedAt) {
      this.emitter.emit({ type: 'tool.finished', callId, ok: false, result: reason, durationMs: Date.now() - started });
    }
    this.startedAt.clear();
  }
}
