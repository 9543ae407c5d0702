import type { TranscriptItem } from '../transcript.js';

/**
 * The items a model sees: everything from the last handoff summary on, since a summary replaces what came before it.
 */
export function visibleTranscript(transcript: readonly TranscriptItem[]): readonly TranscriptItem[] {
  const start = transcript.findLastIndex((item) => item.kind === 'summary');
  return start <= 0 ? transcript : transcript.slice(start);
}

/**
 * A tool call's input from its streamed JSON arguments: `{}` when empty; arguments that are not valid
 * JSON (a reply cut off mid-call) are kept as `{ invalidJson }` so the tool's validation can tell the model.
 */
export function parseToolInput(json: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return { invalidJson: json };
  }
}

/** A tool result as plain text for APIs without an error flag: failed results say so up front. */
export function toolResultText(item: Extract<TranscriptItem, { kind: 'toolResult' }>): string {
  return item.ok ? item.output : `Error: ${item.output}`;
}
