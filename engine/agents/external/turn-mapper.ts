import { TextStream } from '../builtin/text-stream.js';
import type { TurnEmitter } from '../builtin/turn-emitter.js';
import { ToolCalls } from './tool-calls.js';

/**
 * What every external agent's event mapper shares: the turn's text, buffered into fewer events,
 * and its tool calls. Whoever runs the turn flushes the text and abandons open tool calls when the
 * turn ends.
 */
export abstract class TurnMapper {
  protected readonly text: TextStream;
  protected readonly tools: ToolCalls;

  constructor(protected readonly emitter: TurnEmitter) {
    this.text = new TextStream(emitter);
    this.tools = new ToolCalls(emitter, this.text);
  }

  /** Emits buffered text; call before anything that must come after it in the thread. */
  flush(): void {
    this.text.flush();
  }

  /** Marks tool calls still open as failed with `reason` (the turn was stopped or the agent died). */
  abandonTools(reason: string): void {
    this.tools.abandon(reason);
  }
}
