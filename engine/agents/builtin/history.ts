import type { ThreadEvent, ThreadEventOf } from '../../../shared/events.js';
import { ThreadBuilder } from '../../../shared/thread-builder.js';
import type { ThreadItem, ThreadLimits } from '../../../shared/thread-items.js';
import { totalTokens } from '../../../shared/budget.js';
import { MessageQueue } from '../../../shared/message-queue.js';
import { summaryItem, truncatedOutput, type Conversation, type Entry, type TokenAnchor } from './conversation.js';

/** Ends a retry notice when the failed attempt had streamed text; that text is not part of the reply. */
export const discardedTextNotice = 'The partial answer above is discarded.';

/** The result a tool call gets when its turn ended (stop or crash) before it finished. */
export const cancelledResult = 'cancelled';

/** Thread items without the app's memory bounds: the model must see every character the thread holds. */
const unbounded: ThreadLimits = {
  maxItems: Number.POSITIVE_INFINITY,
  maxTextChars: Number.POSITIVE_INFINITY,
  maxOutputChars: Number.POSITIVE_INFINITY,
};

/**
 * Rebuilds the model's conversation from a task's thread, from the same thread items the window and
 * the CLI show (shared/thread-builder.ts): each turn's user message where the turn started (a
 * cancelled or dropped one never reached the model), the agent's text, and each response's tool
 * calls followed by their results. The latest summary compaction replaces what it covered; later
 * truncations blank old tool outputs. `prompt` is this turn's message.
 */
export function rebuildConversation(history: readonly ThreadEvent[], prompt: string, turn: number): Conversation {
  const lastTurnStart = history.findLast((event) => event.type === 'turn.started');
  const currentTurnSeq =
    lastTurnStart?.type === 'turn.started' && lastTurnStart.turn === turn ? lastTurnStart.seq : null;
  const facts = modelFacts(history);
  const thread = new ThreadBuilder(unbounded);
  thread.apply(history);
  const entries = transcriptOf(thread.items, facts, currentTurnSeq, prompt);
  const promptShown = currentTurnSeq !== null && [...facts.turnOf.values()].includes(currentTurnSeq);
  if (!promptShown) entries.push({ item: { kind: 'user', text: prompt }, seq: currentTurnSeq });
  let result = entries;
  const summary = history.findLast((event) => event.type === 'context.compacted' && event.method === 'summary');
  if (summary?.type === 'context.compacted') result = applySummary(result, summary);
  const truncation = latestTruncation(history, summary?.seq ?? -1);
  if (truncation !== null) result = result.map((entry) => truncate(entry, truncation));
  return { entries: repairPairs(result), anchor: anchorOf(history, result) };
}

/** The thread's items as the model's entries: each response's tool calls before their results, as the APIs expect. */
function transcriptOf(
  items: readonly ThreadItem[],
  facts: ModelFacts,
  currentTurnSeq: number | null,
  prompt: string,
): Entry[] {
  const entries: Entry[] = [];
  let calls: Entry[] = [];
  let results: Entry[] = [];
  let lastCallSeq = -1;
  const flush = () => {
    entries.push(...calls, ...results);
    calls = [];
    results = [];
  };
  for (const item of items) {
    switch (item.kind) {
      case 'tool': {
        // A model response ends at its usage event: calls after one belong to the next response.
        if (facts.usageSeqs.some((seq) => seq > lastCallSeq && seq < item.seq)) flush();
        lastCallSeq = item.seq;
        calls.push({ item: { kind: 'toolCall', id: item.callId, name: item.name, input: item.input }, seq: item.seq });
        // A result keeps its call's seq: compactions and measurements fall between responses, so both sit on the same
        // side.
        const ok = item.result !== null && item.state === 'ok';
        results.push({
          item: { kind: 'toolResult', callId: item.callId, ok, output: item.result ?? cancelledResult },
          seq: item.seq,
        });
        break;
      }
      case 'notice':
        if (calls.length === 0) cutText(entries, facts.discarded.get(item.seq) ?? 0);
        break;
      case 'assistant': {
        flush();
        const last = entries.at(-1);
        // A continuation after an output-limit nudge, or a retry after a dropped answer, reads as one reply.
        if (last?.item.kind === 'assistant') last.item = { kind: 'assistant', text: last.item.text + item.text };
        else entries.push({ item: { kind: 'assistant', text: item.text }, seq: item.seq });
        break;
      }
      case 'user': {
        const turnSeq = facts.turnOf.get(item.seq);
        if (turnSeq === undefined || item.delivery !== 'sent') break;
        flush();
        entries.push({ item: { kind: 'user', text: turnSeq === currentTurnSeq ? prompt : item.text }, seq: turnSeq });
        break;
      }
      case 'turnEnded':
      case 'compacted':
        flush();
        break;
      case 'reasoning':
      case 'phases':
      case 'approval':
      case 'status':
      case 'error':
      case 'checkpoint':
      case 'git':
      case 'sandbox':
      case 'verify':
        break;
      default: {
        const unreachable: never = item;
        return unreachable;
      }
    }
  }
  flush();
  return entries;
}

/** What the thread items leave out and the model's transcript needs, read from the events. */
interface ModelFacts {
  /** The turn start that ran each user message, by the message's seq. */
  turnOf: Map<number, number>;
  /** Characters of streamed text a retry discarded, by the seq of the notice that said so. */
  discarded: Map<number, number>;
  usageSeqs: number[];
}

function modelFacts(history: readonly ThreadEvent[]): ModelFacts {
  const facts: ModelFacts = { turnOf: new Map(), discarded: new Map(), usageSeqs: [] };
  // The same queue fold the thread items use: a cancelled or dropped message never starts a turn.
  const messages = new MessageQueue();
  let attempt = 0;
  for (const event of history) {
    const change = messages.fold(event);
    if (event.type === 'turn.started' && change.started !== null) facts.turnOf.set(change.started, event.seq);
    if (event.type === 'agent.text') attempt += event.text.length;
    else if (
      event.type === 'usage' ||
      event.type === 'tool.started' ||
      event.type === 'turn.started' ||
      event.type === 'turn.ended'
    )
      attempt = 0;
    if (event.type === 'usage') facts.usageSeqs.push(event.seq);
    if (event.type === 'notice' && event.message.endsWith(discardedTextNotice)) {
      facts.discarded.set(event.seq, attempt);
      attempt = 0;
    }
  }
  return facts;
}

/** Drops the text of a reply attempt that failed and was retried from the end of the last reply. */
function cutText(entries: Entry[], chars: number): void {
  const last = entries.at(-1);
  if (chars === 0 || last?.item.kind !== 'assistant') return;
  const text = last.item.text.slice(0, Math.max(0, last.item.text.length - chars));
  if (text === '') entries.pop();
  else last.item = { kind: 'assistant', text };
}

/** Replaces what a summary covered with the summary, keeping the user message it left out. */
function applySummary(entries: Entry[], event: ThreadEventOf<'context.compacted'>): Entry[] {
  const covered = (entry: Entry) => entry.seq !== null && entry.seq <= event.throughSeq;
  const keptUser = entries.findLast((entry) => covered(entry) && entry.item.kind === 'user');
  const head: Entry[] = [{ item: summaryItem(event.summary), seq: event.throughSeq }];
  if (keptUser) head.push(keptUser);
  return [...head, ...entries.filter((entry) => !covered(entry))];
}

function latestTruncation(history: readonly ThreadEvent[], afterSeq: number): number | null {
  let through: number | null = null;
  for (const event of history) {
    if (event.type === 'context.compacted' && event.method === 'truncation' && event.seq > afterSeq)
      through = Math.max(through ?? -1, event.throughSeq);
  }
  return through;
}

function truncate(entry: Entry, throughSeq: number): Entry {
  if (entry.item.kind !== 'toolResult' || entry.seq === null || entry.seq > throughSeq) return entry;
  return { item: { ...entry.item, output: truncatedOutput }, seq: entry.seq };
}

/** Drops results whose call is gone (cut by a summary), so every transcript the APIs see is valid. */
function repairPairs(entries: Entry[]): Entry[] {
  const calls = new Set<string>();
  return entries.filter((entry) => {
    if (entry.item.kind === 'toolCall') calls.add(entry.item.id);
    return entry.item.kind !== 'toolResult' || calls.has(entry.item.callId);
  });
}

/** The last measured prompt size, when no compaction changed the transcript since. */
function anchorOf(history: readonly ThreadEvent[], entries: readonly Entry[]): TokenAnchor | null {
  let anchor: ThreadEventOf<'usage'> | null = null;
  for (const event of history) {
    if (event.type === 'usage') anchor = event;
    if (event.type === 'context.compacted') anchor = null;
  }
  if (!anchor) return null;
  const seq = anchor.seq;
  return {
    tokens: totalTokens(anchor),
    count: entries.filter((entry) => entry.seq !== null && entry.seq <= seq).length,
  };
}
