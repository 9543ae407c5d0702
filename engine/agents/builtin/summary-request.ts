import type { TranscriptItem } from './transcript.js';

/** Characters kept of each tool call's input and result when the conversation is written out for summarizing. */
export const summaryClipChars = 2_000;

const summarySystem = `You write handoff summaries for a coding agent whose conversation has grown too long for its context window. The agent continues from your summary alone, plus the user's latest message, so include everything it needs and nothing it does not:
1. The task: what the user asked for, in their words where it matters, including constraints and preferences they stated.
2. Decisions made and why, including approaches that were tried and rejected.
3. Files read, created or changed, with what changed in each.
4. Commands run and their important results (tests, builds, errors).
5. Open problems and the next steps.
Write it as the agent's own notes, in concise Markdown. Quote exact names, paths and error messages. Do not call tools.`;

/**
 * The request that asks a model for a handoff summary: the conversation written out as plain text
 * (so no tool definitions are needed, and long tool outputs are clipped), the user's latest message for
 * context, and what the summary must hold.
 */
export function summaryRequest(
  covered: readonly TranscriptItem[],
  latestUserText: string | null,
  contextWindow: number,
): { system: string; transcript: TranscriptItem[] } {
  const lines = covered.map(lineOf);
  // Keep the written-out conversation well inside the window; the most recent part matters most.
  const budget = Math.max(8_000, Math.floor(contextWindow * 4 * 0.5));
  let text = lines.join('\n\n');
  if (text.length > budget)
    text = `[…the oldest part of the conversation is left out…]\n\n${text.slice(text.length - budget)}`;
  const latest =
    latestUserText === null
      ? ''
      : `\n\nThe user's latest message, which the agent will see verbatim after your summary (do not summarize it, but use it to judge what matters):\n<latest_message>\n${latestUserText}\n</latest_message>`;
  const prompt = `Here is the conversation so far:\n<conversation>\n${text}\n</conversation>${latest}\n\nWrite the handoff summary now.`;
  return { system: summarySystem, transcript: [{ kind: 'user', text: prompt }] };
}

function lineOf(item: TranscriptItem): string {
  switch (item.kind) {
    case 'user':
      return `USER:\n${item.text}`;
    case 'assistant':
      return `AGENT:\n${item.text}`;
    case 'summary':
      return `EARLIER SUMMARY:\n${item.text}`;
    case 'toolCall':
      return `AGENT CALLED ${item.name} (id ${item.id}) with ${clip(JSON.stringify(item.input ?? null))}`;
    case 'toolResult':
      return `${item.ok ? 'RESULT' : 'FAILED RESULT'} of ${item.callId}:\n${clip(item.output)}`;
    default: {
      const unreachable: never = item;
      throw new Error(`Unknown transcript item ${JSON.stringify(unreachable)}`);
    }
  }
}

function clip(text: string): string {
  if (text.length <= summaryClipChars) return text;
  const half = Math.floor(summaryClipChars / 2);
  return `${text.slice(0, half)}\n[…${text.length - summaryClipChars} characters left out…]\n${text.slice(-half)}`;
}
