import type { ApiErrorKind, ReplyStep } from './scenario-types.js';

/** A reply's content block with its deltas precut; the wire formats mint fresh ids when they render it. */
export type PlannedBlock =
  | { kind: 'text'; text: string; chunks: readonly string[] }
  | { kind: 'toolCall'; name: string; argumentsJson: string; chunks: readonly string[] };

/** Why a reply stopped, before each API names it. */
export type PlannedStop = 'end' | 'toolUse' | 'maxTokens';

/** What goes wrong part-way through a stream, if anything. */
export type PlannedFault =
  | { kind: 'none' }
  | { kind: 'error'; afterDeltas: number; error: ApiErrorKind; message: string | undefined }
  | { kind: 'drop'; afterBytes: number | undefined };

/** Resolved token counts (see UsageSpec for what each one means). */
export interface PlannedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

/** Everything a wire format needs to render one reply, independent of the API. */
export interface ReplyPlan {
  blocks: readonly PlannedBlock[];
  stop: PlannedStop;
  usage: PlannedUsage;
  delayMs: number;
  fault: PlannedFault;
}

const defaultTextChunk = 12;
const defaultArgumentChunk = 6;

/** Splits text into deltas of `size` characters, never inside a surrogate pair. */
export function chunkText(text: string, size: number): string[] {
  const characters = Array.from(text);
  const chunks: string[] = [];
  for (let start = 0; start < characters.length; start += Math.max(1, size))
    chunks.push(characters.slice(start, start + size).join(''));
  return chunks;
}

/**
 * Turns a scripted step into blocks, stop reason, usage and fault for the wire formats; `requestBytes` sizes default
 * usage, and `requestText` (the request's body) feeds tool calls derived from it.
 */
export function planReply(step: ReplyStep, requestBytes: number, requestText = ''): ReplyPlan {
  const blocks: PlannedBlock[] = [];
  const text = step.text;
  if (text) blocks.push({ kind: 'text', text, chunks: chunkText(text, step.chunkSize ?? defaultTextChunk) });
  if (step.kind === 'toolCalls') {
    const calls = typeof step.calls === 'function' ? step.calls(requestText) : step.calls;
    for (const call of calls) {
      const argumentsJson = JSON.stringify(call.arguments);
      const chunks = chunkText(argumentsJson, step.chunkSize ?? defaultArgumentChunk);
      blocks.push({ kind: 'toolCall', name: call.name, argumentsJson, chunks });
    }
  }
  const outputCharacters = blocks.reduce(
    (sum, block) => sum + (block.kind === 'text' ? block.text.length : block.argumentsJson.length),
    0,
  );
  const usage: PlannedUsage = {
    inputTokens: step.usage?.inputTokens ?? Math.max(1, Math.ceil(requestBytes / 4)),
    outputTokens: step.usage?.outputTokens ?? Math.ceil(outputCharacters / 4) + 1,
    cacheReadTokens: step.usage?.cacheReadTokens ?? 0,
    cacheWriteTokens: step.usage?.cacheWriteTokens ?? 0,
    reasoningTokens: step.usage?.reasoningTokens ?? 0,
  };
  return { blocks, stop: stopOf(step), usage, delayMs: step.delayMs ?? 0, fault: faultOf(step) };
}

function stopOf(step: ReplyStep): PlannedStop {
  switch (step.kind) {
    case 'toolCalls':
      return 'toolUse';
    case 'maxTokens':
      return 'maxTokens';
    case 'text':
    case 'streamError':
    case 'drop':
      return 'end';
  }
}

function faultOf(step: ReplyStep): PlannedFault {
  switch (step.kind) {
    case 'streamError':
      return { kind: 'error', afterDeltas: step.afterDeltas ?? 2, error: step.error, message: step.message };
    case 'drop':
      return { kind: 'drop', afterBytes: step.afterBytes };
    case 'text':
    case 'toolCalls':
    case 'maxTokens':
      return { kind: 'none' };
  }
}
