/** Which model API a request spoke, picked by the endpoint it hit. */
export type ApiKind = 'anthropic' | 'responses' | 'chat';

/** The failures a scripted step can answer with; each API maps them to its own status and error shape. */
export type ApiErrorKind = 'rateLimit' | 'overloaded' | 'badRequest' | 'authentication' | 'server';

/**
 * Token counts a reply reports. `inputTokens` is the uncached prompt; cache reads and writes come on top
 * (Anthropic reports the three apart; OpenAI reports their sum as input with `cacheReadTokens` as cached).
 * `outputTokens` includes `reasoningTokens`. Missing numbers are derived from the request and reply sizes.
 */
export interface UsageSpec {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

/** One tool call a scripted reply makes; `arguments` is sent as JSON split over many small deltas. */
export interface ToolCallSpec {
  name: string;
  arguments: Record<string, unknown>;
}

/** How a streamed reply is paced and what usage it reports. */
export interface StreamTuning {
  /** Characters per delta (text and tool arguments). */
  chunkSize?: number;
  /** Wait before each delta, for cancel and UI tests. */
  delayMs?: number;
  usage?: UsageSpec;
}

/** A plain text reply, streamed as several deltas. */
export type TextStep = { kind: 'text'; text: string } & StreamTuning;

/** Tool calls made from the request's JSON body text, for answers that name what the request holds (task ids). */
export type DerivedToolCalls = (requestText: string) => readonly ToolCallSpec[];

/** A reply that calls tools (optionally after some text); ends with a tool-use stop. */
export type ToolCallsStep = {
  kind: 'toolCalls';
  text?: string;
  calls: readonly ToolCallSpec[] | DerivedToolCalls;
} & StreamTuning;

/** A text reply cut off by the output token limit (`max_tokens` / `length` / `max_output_tokens`). */
export type MaxTokensStep = { kind: 'maxTokens'; text: string } & StreamTuning;

/** An HTTP error answer in the API's error shape; rate limits carry `retry-after-ms` and `retry-after`. */
export interface HttpErrorStep {
  kind: 'httpError';
  error: ApiErrorKind;
  /** Overrides the status the error kind maps to. */
  status?: number;
  message?: string;
  retryAfterMs?: number;
  headers?: Record<string, string>;
}

/** A stream that starts normally, then sends the API's error event after `afterDeltas` deltas and ends. */
export type StreamErrorStep = {
  kind: 'streamError';
  text: string;
  afterDeltas?: number;
  error: ApiErrorKind;
  message?: string;
} & StreamTuning;

/** A stream whose connection the server destroys after `afterBytes` bytes (default: half the stream). */
export type DropStep = { kind: 'drop'; text: string; afterBytes?: number } & StreamTuning;

/** One scripted answer; each model request consumes the next step of its scenario. */
export type ScriptStep = TextStep | ToolCallsStep | MaxTokensStep | HttpErrorStep | StreamErrorStep | DropStep;

/** The steps that produce a reply body or stream (everything but an up-front HTTP error). */
export type ReplyStep = Exclude<ScriptStep, HttpErrorStep>;

/** A named, ordered script of steps; `loop` starts it over when it runs out instead of failing. */
export interface Scenario {
  name: string;
  description: string;
  steps: readonly ScriptStep[];
  loop?: boolean;
}
