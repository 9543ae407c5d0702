import type { ThreadEvent, ThreadEventOf } from '../../../shared/events.js';
import { totalTokens } from '../../../shared/budget.js';
import { MessageQueue } from '../../../shared/message-queue.js';
import { summaryItem, truncatedOutput, type Conversation, type Entry, type TokenAnchor } from './conversation.js';

/** Ends a retry notice when the failed attempt had streamed text; that text is not part of the reply. */
export const discardedTextNotice = 'The partial answer above is discarded.';

/** The result a tool call gets when its turn ended (stop or crash) before it finished. */
export const cancelledResult = 'cancelled';

/**
 * Rebuilds the model's conversation from a task's thread: each turn's user message where the turn
 * started (messages queue up like the engine's pending list, and a stop drops the queue), the agent's
 * text, and each response's tool calls followed by their results. The latest summary compaction
 * replaces what it covered; later truncations blank old tool outputs. `prompt` is this turn's message.
 */
export function rebuildConversation(history: readonly ThreadEvent[], prompt: string, turn: number): Conversation {
  const builder = new Builder();
  const lastTurnStart = history.findLast((event) => event.type === 'turn.started');
  const currentTurnSeq = lastTurnStart?.type === 'turn.started' && lastTurnStart.turn === turn ? lastTurnStart.seq : null;
  // Which message each turn ran follows the shared queue fold: a cancelled or dropped one never reaches the model.
  const messages = new MessageQueue();
  const texts = new Map<number, string>();
  for (const event of history) {
    const change = messages.fold(event);
    switch (event.type) {
      case 'user.message':
        texts.set(event.seq, event.text);
        break;
      case 'turn.started': {
        const queued = change.started === null ? undefined : texts.get(change.started);
        const text = event.seq === currentTurnSeq ? prompt : queued;
        if (text !== undefined) builder.user(text, event.seq);
        break;
      }
      case 'turn.ended':
        builder.flush();
        break;
      case 'agent.text':
        builder.text(event.text, event.seq);
        break;
      case 'usage':
        builder.endText();
        break;
      case 'notice':
        if (event.message.endsWith(discardedTextNotice)) builder.discardText();
        break;
      case 'tool.started':
        builder.call(event);
        break;
      case 'tool.finished':
        builder.result(event);
        break;
      default:
        break;
    }
  }
  builder.flush();
  let entries = builder.entries;
  if (currentTurnSeq === null) entries.push({ item: { kind: 'user', text: prompt }, seq: null });
  const summary = history.findLast((event) => event.type === 'context.compacted' && event.method === 'summary');
  if (summary?.type === 'context.compacted') entries = applySummary(entries, summary);
  const truncation = latestTruncation(history, summary?.seq ?? -1);
  if (truncation !== null) entries = entries.map((entry) => truncate(entry, truncation));
  return { entries: repairPairs(entries), anchor: anchorOf(history, entries) };
}

/** Collects entries, putting each response's tool calls before their results as the APIs expect. */
class Builder {
  readonly entries: Entry[] = [];
  private open: { item: { kind: 'assistant'; text: string }; seq: number | null; start: number } | null = null;
  private calls: Array<{ item: { kind: 'toolCall'; id: string; name: string; input: unknown }; seq: number }> = [];
  private results = new Map<string, Entry>();

  user(text: string, seq: number): void {
    this.flush();
    this.entries.push({ item: { kind: 'user', text }, seq });
  }

  text(delta: string, seq: number): void {
    if (this.calls.length > 0) this.flush();
    if (!this.open) {
      const last = this.entries.at(-1);
      // A continuation after an output-limit nudge reads as one reply.
      if (last?.item.kind === 'assistant') this.open = { item: last.item, seq: last.seq, start: last.item.text.length };
      else {
        this.open = { item: { kind: 'assistant', text: '' }, seq, start: 0 };
        this.entries.push({ item: this.open.item, seq });
      }
    }
    this.open.item.text += delta;
  }

  /** Drops the text of a reply attempt that failed and was retried. */
  discardText(): void {
    if (!this.open) return;
    this.open.item.text = this.open.item.text.slice(0, this.open.start);
    if (this.open.item.text === '' && this.entries.at(-1)?.item === this.open.item) this.entries.pop();
    this.open = null;
  }

  endText(): void {
    if (this.calls.length > 0) this.flush();
    this.open = null;
  }

  call(event: ThreadEventOf<'tool.started'>): void {
    this.open = null;
    this.calls.push({ item: { kind: 'toolCall', id: event.callId, name: event.name, input: event.input }, seq: event.seq });
  }

  result(event: ThreadEventOf<'tool.finished'>): void {
    this.results.set(event.callId, { item: { kind: 'toolResult', callId: event.callId, ok: event.ok, output: event.result }, seq: event.seq });
  }

  flush(): void {
    this.open = null;
    if (this.calls.length === 0) return;
    this.entries.push(...this.calls);
    for (const call of this.calls) {
      const result = this.results.get(call.item.id);
      this.entries.push(result ?? { item: { kind: 'toolResult', callId: call.item.id, ok: false, output: cancelledResult }, seq: call.seq });
    }
    this.calls = [];
    this.results = new Map();
  }
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
    if (event.type === 'context.compacted' && event.method === 'truncation' && event.seq > afterSeq) through = Math.max(through ?? -1, event.throughSeq);
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
  return { tokens: totalTokens(anchor), count: entries.filter((entry) => entry.seq !== null && entry.seq <= seq).length };
}
