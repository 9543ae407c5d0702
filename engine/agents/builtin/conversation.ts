import type { TranscriptItem } from './transcript.js';

/** A transcript item and the thread event that carries it (null when the engine did not say). */
export interface Entry {
  item: TranscriptItem;
  seq: number | null;
}

/** Token count a model reported for the first `count` entries (prompt plus its reply). */
export interface TokenAnchor {
  tokens: number;
  count: number;
}

/** The model's view of a task this turn: entries in order plus what the last model call measured. */
export interface Conversation {
  entries: Entry[];
  anchor: TokenAnchor | null;
}

/** The text a tool result is replaced with when compaction truncates it. */
export const truncatedOutput = '[output truncated to save context]';

/** The summary item the model sees in place of the turns a compaction summarized. */
export function summaryItem(summary: string): TranscriptItem {
  return {
    kind: 'summary',
    text: `[The earlier conversation was compacted to save context. Handoff summary of it, written by you:]\n\n${summary}`,
  };
}

/** Roughly how many characters make a token, for estimates without a measurement. */
export const charsPerToken = 4;

/** The characters an item adds to a prompt, for token estimates. */
export function charsOf(item: TranscriptItem): number {
  switch (item.kind) {
    case 'user':
    case 'assistant':
    case 'summary':
      return item.text.length;
    case 'toolCall':
      return item.name.length + JSON.stringify(item.input ?? null).length;
    case 'toolResult':
      return item.output.length;
    default: {
      const unreachable: never = item;
      throw new Error(`Unknown transcript item ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * Estimates the prompt tokens of the next model call: the last measured count plus a guess for
 * what was added since, or a guess for everything (system prompt and tools included) when
 * nothing was measured since the transcript last changed shape.
 */
export function estimateTokens(conversation: Conversation, overheadChars: number): number {
  const { entries, anchor } = conversation;
  if (anchor && anchor.count <= entries.length) {
    const added = entries.slice(anchor.count).reduce((sum, entry) => sum + charsOf(entry.item), 0);
    return anchor.tokens + Math.ceil(added / charsPerToken);
  }
  const all = entries.reduce((sum, entry) => sum + charsOf(entry.item), overheadChars);
  return Math.ceil(all / charsPerToken);
}

/** The transcript to send to the model. */
export function itemsOf(conversation: Conversation): TranscriptItem[] {
  return conversation.entries.map((entry) => entry.item);
}
