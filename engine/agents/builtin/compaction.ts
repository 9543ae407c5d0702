import { estimateTokens, summaryItem, truncatedOutput, type Conversation, type Entry } from './conversation.js';
import { totalTokens } from '../../../shared/budget.js';
import { maxOutputTokensFor, type ModelAccess } from './model-access.js';
import { recordUsage } from './record-usage.js';
import { summaryRequest } from './summary-request.js';
import type { TurnEmitter } from './turn-emitter.js';

/** Compaction starts when the next prompt would fill this share of the model's context window. */
export const compactionThreshold = 0.8;

/**
 * How a compaction went: the method used (null when none was needed or possible) and the tokens the summary call used.
 */
export interface CompactionResult {
  method: 'summary' | 'truncation' | null;
  tokensUsed: number;
}

/** What a compaction needs: the conversation, the model, and where to report. */
export interface CompactionSetup {
  conversation: Conversation;
  access: ModelAccess;
  emitter: TurnEmitter;
  /** Characters of the system prompt and tool list, which every prompt carries. */
  overheadChars: number;
  signal: AbortSignal;
}

/**
 * Keeps the next prompt inside the context window: above the threshold, the model summarizes everything
 * but the latest user message into a handoff that replaces it. If that fails for any reason, the oldest
 * tool outputs are blanked instead, so the thread always stays usable.
 */
export async function compactIfNeeded(setup: CompactionSetup): Promise<CompactionResult> {
  const limit = Math.floor(setup.access.contextWindow * compactionThreshold);
  const before = estimateTokens(setup.conversation, setup.overheadChars);
  if (before <= limit) return { method: null, tokensUsed: 0 };
  const { entries } = setup.conversation;
  const latestUser =
    entries.findLast((entry) => entry.item.kind === 'user' && entry.seq !== null) ??
    entries.findLast((entry) => entry.item.kind === 'user');
  const rest = entries.filter((entry) => entry !== latestUser);
  // A lone earlier summary has nothing new to fold in.
  const worthSummarizing = rest.some((entry) => entry.item.kind !== 'summary');
  let problem = 'there was nothing new to summarize';
  const spent = { tokens: 0 };
  if (worthSummarizing) {
    try {
      const summary = await summarize(setup, rest, latestUser, spent);
      const throughSeq = setup.emitter.lastSeq;
      setup.conversation.entries = [
        { item: summaryItem(summary), seq: throughSeq },
        ...(latestUser ? [latestUser] : []),
      ];
      setup.conversation.anchor = null;
      const after = estimateTokens(setup.conversation, setup.overheadChars);
      setup.emitter.emit({
        type: 'context.compacted',
        method: 'summary',
        summary,
        throughSeq,
        tokensBefore: before,
        tokensAfter: after,
      });
      return { method: 'summary', tokensUsed: spent.tokens };
    } catch (error) {
      if (setup.signal.aborted) throw error;
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  return { method: truncateOldOutputs(setup, before, limit, problem), tokensUsed: spent.tokens };
}

async function summarize(
  setup: CompactionSetup,
  covered: readonly Entry[],
  latestUser: Entry | undefined,
  spent: { tokens: number },
): Promise<string> {
  const request = summaryRequest(
    covered.map((entry) => entry.item),
    latestUser?.item.kind === 'user' ? latestUser.item.text : null,
    setup.access.contextWindow,
  );
  let streamed = '';
  const response = await setup.access.complete(
    {
      ...request,
      tools: [],
      maxOutputTokens: Math.min(8_192, maxOutputTokensFor(setup.access.contextWindow)),
      signal: setup.signal,
    },
    { onText: (delta) => (streamed += delta), onReasoning: () => undefined },
  );
  recordUsage(setup.emitter, setup.access, response.usage);
  spent.tokens += totalTokens(response.usage);
  const text =
    response.items
      .map((item) => (item.kind === 'assistant' ? item.text : ''))
      .join('')
      .trim() || streamed.trim();
  if (text === '') throw new Error('the model returned an empty summary');
  return text;
}

/** Blanks tool outputs, oldest first, until the estimate is under the limit (or none are left). */
function truncateOldOutputs(
  setup: CompactionSetup,
  before: number,
  limit: number,
  problem: string,
): 'truncation' | null {
  const conversation = setup.conversation;
  let throughSeq: number | null = null;
  let changed = false;
  for (const [index, entry] of conversation.entries.entries()) {
    if (estimateTokens(conversation, setup.overheadChars) <= limit) break;
    if (entry.item.kind !== 'toolResult' || entry.item.output === truncatedOutput) continue;
    const removed = entry.item.output.length - truncatedOutput.length;
    conversation.entries[index] = { item: { ...entry.item, output: truncatedOutput }, seq: entry.seq };
    // The measured count covered the old output; take its estimated size off.
    if (conversation.anchor && index < conversation.anchor.count)
      conversation.anchor.tokens -= Math.max(0, Math.floor(removed / 4));
    if (entry.seq !== null) throughSeq = Math.max(throughSeq ?? -1, entry.seq);
    changed = true;
  }
  if (!changed) {
    setup.emitter.noticeOnce(
      `The conversation is close to the model's context window and could not be compacted (${problem}). Consider starting a new task.`,
      'warning',
    );
    return null;
  }
  const after = estimateTokens(conversation, setup.overheadChars);
  setup.emitter.notice(
    `Could not summarize the conversation to free context (${problem}); replaced the oldest tool outputs with a placeholder instead.`,
    'warning',
  );
  setup.emitter.emit({
    type: 'context.compacted',
    method: 'truncation',
    summary: '',
    throughSeq: throughSeq ?? setup.emitter.lastSeq,
    tokensBefore: before,
    tokensAfter: after,
  });
  return 'truncation';
}
