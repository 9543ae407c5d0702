import type { ThreadEvent } from './events.js';
import { ThreadBuilder } from './thread-builder.js';
import { defaultThreadLimits, type ThreadItem, type ThreadLimits } from './thread-items.js';

/** What the top of the loaded part of a thread still needs from the page before it. */
export interface PageSeam {
  /** Events whose start lies on an earlier page (a tool's end, an approval's answer), oldest first. */
  orphans: readonly ThreadEvent[];
  /** The first turn end shown, when its turn started on an earlier page (its time and usage are still partial). */
  turnEnd: string | null;
}

/** An earlier page folded into items, to put before what is loaded. */
export interface EarlierPage {
  items: ThreadItem[];
  /** The seam to the page before this one. */
  seam: PageSeam;
  /** Changes to items already loaded, by id: the turn end completed, the first text joined to this page's last. */
  revisions: Map<string, (item: ThreadItem) => ThreadItem>;
}

/** The seam of a builder that began mid-thread (the window's tail page and what streamed after it). */
export function seamOf(builder: ThreadBuilder): PageSeam {
  return { orphans: builder.orphans.slice(), turnEnd: builder.leadingTurnEnd };
}

/**
 * Folds the page of events just before the loaded part of a thread (whose first item is `top`) so that together they
 * read as one fold of the whole: tools, approvals and verify runs started on this page are completed by the seam's
 * events, a turn that started here gives its time and usage to the turn end shown, and streamed text split across
 * the pages becomes one message again.
 */
export function foldEarlierPage(
  events: readonly ThreadEvent[],
  seam: PageSeam,
  top: ThreadItem | undefined,
  limits: ThreadLimits = defaultThreadLimits,
): EarlierPage {
  const builder = new ThreadBuilder({ ...limits, maxItems: Number.POSITIVE_INFINITY });
  builder.apply(events);
  const open = builder.openTurn;
  const leading = builder.leadingTurnEnd;
  // Completes what this page started; what it cannot stays an orphan for the page before.
  builder.apply(seam.orphans);
  const revisions = new Map<string, (item: ThreadItem) => ThreadItem>();
  if (seam.turnEnd !== null && (open.startedAt !== null || open.tokens > 0)) {
    const started = open.startedAt === null ? Number.NaN : Date.parse(open.startedAt);
    revisions.set(seam.turnEnd, (item) =>
      item.kind === 'turnEnded'
        ? {
            ...item,
            tokens: item.tokens + open.tokens,
            costUsd: item.costUsd + open.costUsd,
            durationMs: Number.isFinite(started) ? Math.max(0, Date.parse(item.at) - started) : item.durationMs,
          }
        : item,
    );
  }
  // A message still queued at the end of an old page was run later; it reads as sent where it is.
  const items = builder.items.map((item) =>
    item.kind === 'user' && item.delivery === 'queued' ? { ...item, delivery: 'sent' as const } : item,
  );
  const last = items.at(-1);
  if (
    last &&
    top &&
    last.kind === top.kind &&
    (last.kind === 'assistant' || last.kind === 'reasoning') &&
    !last.truncated
  ) {
    items.pop();
    revisions.set(top.id, (item) => {
      if (item.kind !== last.kind) return item;
      const text = last.text + item.text;
      const truncated = item.truncated || text.length > limits.maxTextChars;
      return { ...item, seq: last.seq, at: last.at, text: text.slice(0, limits.maxTextChars), truncated };
    });
  }
  const turnEnd = leading ?? (open.startedAt === null ? seam.turnEnd : null);
  return { items, seam: { orphans: builder.orphans, turnEnd }, revisions };
}
