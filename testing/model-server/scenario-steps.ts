import type {
  ApiErrorKind,
  DropStep,
  HttpErrorStep,
  MaxTokensStep,
  StreamErrorStep,
  StreamTuning,
  TextStep,
  ToolCallSpec,
  ToolCallsStep,
  UsageSpec,
} from './scenario-types.js';

/** A text reply streamed as several deltas. */
export function replyText(text: string, tuning: StreamTuning = {}): TextStep {
  return { kind: 'text', text, ...tuning };
}

/** A reply calling one or more tools, optionally preceded by text. */
export function replyToolCalls(
  calls: ToolCallsStep['calls'],
  options: StreamTuning & { text?: string } = {},
): ToolCallsStep {
  return { kind: 'toolCalls', calls, ...options };
}

/** A text reply that stops on the output token limit. */
export function replyMaxTokens(text: string, tuning: StreamTuning = {}): MaxTokensStep {
  return { kind: 'maxTokens', text, ...tuning };
}

/** A text reply that waits `delayMs` before every delta (small chunks, so there are many). */
export function replySlowly(text: string, delayMs: number, chunkSize = 4): TextStep {
  return { kind: 'text', text, delayMs, chunkSize };
}

/** A reply that reports a big prompt, so context-window compaction kicks in. */
export function withUsage<Step extends TextStep | ToolCallsStep>(step: Step, usage: UsageSpec): Step {
  return { ...step, usage: { ...step.usage, ...usage } };
}

/** An HTTP error answer; rate limits default to a short `retry-after-ms` so retries stay fast in tests. */
export function failHttp(error: ApiErrorKind, options: Omit<HttpErrorStep, 'kind' | 'error'> = {}): HttpErrorStep {
  const retryAfterMs = options.retryAfterMs ?? (error === 'rateLimit' ? 20 : undefined);
  return { kind: 'httpError', error, ...options, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/** A stream that breaks off with the API's error event after `afterDeltas` text deltas. */
export function failMidStream(text: string, error: ApiErrorKind = 'overloaded', afterDeltas = 2): StreamErrorStep {
  return { kind: 'streamError', text, error, afterDeltas };
}

/** A stream whose connection is destroyed part-way (default: half the bytes). */
export function dropMidStream(text: string, afterBytes?: number): DropStep {
  return afterBytes === undefined ? { kind: 'drop', text } : { kind: 'drop', text, afterBytes };
}

/** A read_file call. */
export function readFile(path: string, range: { offset?: number; limit?: number } = {}): ToolCallSpec {
  return { name: 'read_file', arguments: { path, ...range } };
}

/** A write_file call. */
export function writeFile(path: string, content: string): ToolCallSpec {
  return { name: 'write_file', arguments: { path, content } };
}

/** An edit_file call replacing `old_string` with `new_string`. */
export function editFile(path: string, oldString: string, newString: string, replaceAll?: boolean): ToolCallSpec {
  const extra = replaceAll === undefined ? {} : { replace_all: replaceAll };
  return { name: 'edit_file', arguments: { path, old_string: oldString, new_string: newString, ...extra } };
}

/** A bash call. */
export function bash(command: string, timeoutMs?: number): ToolCallSpec {
  return { name: 'bash', arguments: { command, ...(timeoutMs === undefined ? {} : { timeout_ms: timeoutMs }) } };
}

/** A glob call. */
export function glob(pattern: string): ToolCallSpec {
  return { name: 'glob', arguments: { pattern } };
}

/** A grep call. */
export function grep(pattern: string, path?: string): ToolCallSpec {
  return { name: 'grep', arguments: { pattern, ...(path === undefined ? {} : { path }) } };
}
