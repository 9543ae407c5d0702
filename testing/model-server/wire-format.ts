import type { WireError } from './api-errors.js';
import type { ReplyPlan } from './plan.js';
import type { ApiKind } from './scenario-types.js';
import type { SseEvent } from './sse.js';

/** What the server knows about the request a reply answers. */
export interface ReplyRequest {
  model: string;
  body: Record<string, unknown>;
}

/** One API's rendering of replies: the full event stream, its mid-stream error event, and the non-streaming body. */
export interface WireFormat {
  api: ApiKind;
  /** The whole successful stream, terminal events included. */
  streamEvents(plan: ReplyPlan, request: ReplyRequest): SseEvent[];
  /** The event that breaks a stream off; `position` is how many events were already sent. */
  streamError(error: WireError, position: number): SseEvent;
  /** The JSON body for `stream: false`. */
  body(plan: ReplyPlan, request: ReplyRequest): unknown;
}
