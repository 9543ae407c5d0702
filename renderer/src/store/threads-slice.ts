import type { ThreadEvent } from '../../../shared/events.js';
import { errorText } from '../transport/client-error.js';
import { ThreadBuilder } from '../../../shared/thread-builder.js';
import type { ThreadItem } from '../../../shared/thread-items.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';

/** One opened thread: its items, built incrementally, and whether it is (re)loading. */
export interface ThreadState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  items: readonly ThreadItem[];
  dropped: number;
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
    next[taskId] = { ...thread, items: thread.builder.items, dropped: thread.builder.dropped };
  }
  return next ?? threads;
}

/** Creates the threads slice. */
export const createThreadsSlice: Slice<ThreadsSlice> = (set, get) => {
  const fetchInto = async (taskId: string, builder: ThreadBuilder) => {
    try {
      const afterSeq = builder.lastSeq > 0 ? builder.lastSeq : undefined;
      const { events } = await requireClient(get()).call('task/events', { taskId, afterSeq });
      const thread = get().threads[taskId];
      if (thread?.builder !== builder) return;
      builder.apply(events);
      builder.apply(thread.held ?? []);
      set((state) => ({
        threads: {
          ...state.threads,
          [taskId]: {
            ...thread,
            status: 'ready',
            error: null,
            items: builder.items,
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
          [taskId]: { ...thread, status: 'error', error: errorText(error), items: builder.items, held: null },
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
          items: builder.items,
          dropped: builder.dropped,
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
  };
};
