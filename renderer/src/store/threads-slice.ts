import type { ThreadEvent } from '../../../shared/events.js';
import { errorText } from '../transport/client-error.js';
import { ThreadBuilder } from '../../../shared/thread-builder.js';
import type { ThreadItem } from '../../../shared/thread-items.js';
import { defaultEventPage } from '../../../shared/commands.js';
import { foldEarlierPage, seamOf, type PageSeam } from '../../../shared/thread-pages.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';

/**
 * One opened thread: its items, built incrementally, and whether it is (re)loading. It opens on its last page of
 * events; earlier pages load as the user scrolls up (`loadEarlier`).
 */
export interface ThreadState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** The earlier pages' items, then the builder's. */
  items: readonly ThreadItem[];
  dropped: number;
  /** True while the log holds events before the first one loaded. */
  hasEarlier: boolean;
  /** True while an earlier page loads. */
  loadingEarlier: boolean;
  /** Why the last earlier page did not load, if it did not. */
  earlierError: string | null;
  /** Internal: the seq of the first event loaded (null before any). */
  firstSeq: number | null;
  /** Internal: the items of the earlier pages (the builder holds the last page and what came live after it). */
  older: readonly ThreadItem[];
  /** Internal: what the top of `older` still needs from the page before it. */
  seam: PageSeam;
  /** Internal: folds events into items. */
  builder: ThreadBuilder;
  /** Internal: live events held while a fetch is in flight, applied after it. */
  held: ThreadEvent[] | null;
}

/** How many threads stay in memory; the least recently opened go first. */
export const maxOpenThreads = 8;

/** Threads of the tasks the user opened, appended live. */
export interface ThreadsSlice {
  threads: Record<string, ThreadState>;
  /** Most recently opened last. */
  threadOrder: string[];
  /** Loads a task's events (once) and keeps its thread live from then on. */
  openThread(taskId: string): Promise<void>;
  /** After a reconnect: fetches what each open thread missed. */
  resyncThreads(): Promise<void>;
  /** Loads the page of events before the first one shown (once at a time; nothing when there is none). */
  loadEarlier(taskId: string): Promise<void>;
}

/** How many events a page holds. */
export const threadPageSize = defaultEventPage;

function joined(older: readonly ThreadItem[], builder: ThreadBuilder): readonly ThreadItem[] {
  return older.length > 0 ? [...older, ...builder.items] : builder.items;
}

/** Folds live events into the open threads; returns the same map when none changed. */
export function foldThreadEvents(
  threads: Record<string, ThreadState>,
  events: readonly ThreadEvent[],
): Record<string, ThreadState> {
  const byTask = new Map<string, ThreadEvent[]>();
  for (const event of events) {
    if (!threads[event.taskId]) continue;
    const list = byTask.get(event.taskId);
    if (list) list.push(event);
    else byTask.set(event.taskId, [event]);
  }
  let next: Record<string, ThreadState> | null = null;
  for (const [taskId, list] of byTask) {
    const thread = threads[taskId] as ThreadState;
    if (thread.held) {
      thread.held.push(...list);
      continue;
    }
    if (!thread.builder.apply(list)) continue;
    next ??= { ...threads };
    next[taskId] = { ...thread, items: joined(thread.older, thread.builder), dropped: thread.builder.dropped };
  }
  return next ?? threads;
}

/** Creates the threads slice. */
export const createThreadsSlice: Slice<ThreadsSlice> = (set, get) => {
  // The first load takes the thread's last page; later ones (after a reconnect) catch up on what came after.
  const fetchEvents = async (taskId: string, builder: ThreadBuilder) => {
    const client = requireClient(get());
    if (builder.lastSeq > 0)
      return { ...(await client.call('task/events', { taskId, afterSeq: builder.lastSeq })), tail: false };
    return { ...(await client.call('task/eventPage', { taskId, limit: threadPageSize })), tail: true };
  };
  const fetchInto = async (taskId: string, builder: ThreadBuilder) => {
    try {
      const answer = await fetchEvents(taskId, builder);
      const thread = get().threads[taskId];
      if (thread?.builder !== builder) return;
      builder.apply(answer.events);
      builder.apply(thread.held ?? []);
      const page =
        answer.tail && 'hasMore' in answer
          ? { hasEarlier: answer.hasMore, firstSeq: answer.events[0]?.seq ?? builder.lastSeq + 1 }
          : {};
      set((state) => ({
        threads: {
          ...state.threads,
          [taskId]: {
            ...thread,
            ...page,
            status: 'ready',
            error: null,
            items: joined(thread.older, builder),
            dropped: builder.dropped,
            held: null,
          },
        },
      }));
    } catch (error) {
      const thread = get().threads[taskId];
      if (thread?.builder !== builder) return;
      builder.apply(thread.held ?? []);
      set((state) => ({
        threads: {
          ...state.threads,
          [taskId]: {
            ...thread,
            status: 'error',
            error: errorText(error),
            items: joined(thread.older, builder),
            held: null,
          },
        },
      }));
    }
  };
  return {
    threads: {},
    threadOrder: [],
    async openThread(taskId) {
      const existing = get().threads[taskId];
      const order = [...get().threadOrder.filter((id) => id !== taskId), taskId];
      const evicted = order.slice(0, Math.max(0, order.length - maxOpenThreads));
      if (existing && existing.status !== 'error') {
        set({ threadOrder: order });
        return;
      }
      const builder = existing?.builder ?? new ThreadBuilder();
      set((state) => {
        const threads = { ...state.threads };
        for (const id of evicted) delete threads[id];
        threads[taskId] = {
          status: 'loading',
          error: null,
          items: joined(existing?.older ?? [], builder),
          dropped: builder.dropped,
          hasEarlier: existing?.hasEarlier ?? false,
          loadingEarlier: false,
          earlierError: null,
          firstSeq: existing?.firstSeq ?? null,
          older: existing?.older ?? [],
          seam: existing?.seam ?? { orphans: [], turnEnd: null },
          builder,
          held: [],
        };
        return { threads, threadOrder: order.slice(evicted.length) };
      });
      await fetchInto(taskId, builder);
    },
    async resyncThreads() {
      const threads = get().threads;
      const ids = Object.keys(threads);
      set({
        threads: Object.fromEntries(
          ids.map((id) => [id, { ...(threads[id] as ThreadState), status: 'loading' as const, held: [] }]),
        ),
      });
      await Promise.all(ids.map((id) => fetchInto(id, (threads[id] as ThreadState).builder)));
    },
    async loadEarlier(taskId) {
      const thread = get().threads[taskId];
      if (!thread || !thread.hasEarlier || thread.loadingEarlier || thread.firstSeq === null) return;
      const { builder } = thread;
      const update = (change: (current: ThreadState) => Partial<ThreadState>) =>
        set((state) => {
          const current = state.threads[taskId];
          if (current?.builder !== builder) return {};
          return { threads: { ...state.threads, [taskId]: { ...current, ...change(current) } } };
        });
      update(() => ({ loadingEarlier: true, earlierError: null }));
      try {
        const { events, hasMore } = await requireClient(get()).call('task/eventPage', {
          taskId,
          beforeSeq: thread.firstSeq,
          limit: threadPageSize,
        });
        update((current) => {
          const { older, seam } = prependPage(current, events);
          return {
            older,
            items: joined(older, builder),
            firstSeq: events[0]?.seq ?? current.firstSeq,
            hasEarlier: hasMore && events.length > 0,
            loadingEarlier: false,
            seam,
          };
        });
      } catch (error) {
        update(() => ({ loadingEarlier: false, earlierError: errorText(error) }));
      }
    },
  };
};

/**
 * The items of `events` (the page before the first loaded) joined to the thread's: completes what the loaded part
 * left open at its top; returns the new `older` items and the seam to the page before them.
 */
function prependPage(
  thread: ThreadState,
  events: readonly ThreadEvent[],
): { older: readonly ThreadItem[]; seam: PageSeam } {
  const { builder } = thread;
  const seam = thread.older.length > 0 ? thread.seam : seamOf(builder);
  const page = foldEarlierPage(events, seam, thread.older[0] ?? builder.items[0]);
  const older = thread.older.slice();
  for (const [id, revise] of page.revisions) {
    const index = older.findIndex((item) => item.id === id);
    if (index !== -1) older[index] = revise(older[index] as ThreadItem);
    else builder.revise(id, revise);
  }
  return { older: [...page.items, ...older], seam: page.seam };
}
