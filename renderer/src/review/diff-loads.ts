import type { Slice } from '../store/slice.js';
import { reuseUnchanged } from './diff-reuse.js';
import { notConnected, toReviewError } from './review-error.js';
import { patchReview } from './review-state.js';

/** Loading a task's diff: on demand, ahead of time, and when the Review tab is shown. */
export interface DiffLoadActions {
  /** Loads (or reloads) a task's diff, and the task itself when the task list does not have it. */
  loadDiff(taskId: string): Promise<void>;
  /**
   * Loads a task's diff ahead of the Review tab (while the user reads the thread), unless the
   * diff held is still current or a load is already on its way.
   */
  prefetchDiff(taskId: string): Promise<void>;
  /**
   * For the Review tab coming into view: uses a prefetched diff that is still current and not
   * shown before, joins a current load already on its way, and loads afresh otherwise.
   */
  showDiff(taskId: string): Promise<void>;
}

/**
 * How long a diff counts as current when no event has touched its task since it was requested.
 * Events cover the agent's work; this bounds what they cannot see (the user's own editor).
 */
export const diffFreshForMs = 10_000;

/**
 * How many tasks' diffs stay in memory; past it, the least recently loaded one is dropped (its comments and flows
 * stay) and loads again when its Review tab is next shown. A diff can weigh megabytes; a long session reviews hundreds.
 */
export const maxHeldDiffs = 8;

/** What a diff was computed from: the task's last update (every event moves it) and when it was asked for. */
interface Basis {
  updatedAt: string | null;
  requestedAt: number;
}

interface Load {
  basis: Basis;
  /** Set once the Review tab waits for this load, so its diff counts as shown. */
  shown: boolean;
  done: Promise<void>;
}

/** Creates the diff loading actions of the review slice. */
export const createDiffLoadActions: Slice<DiffLoadActions> = (set, get) => {
  // Only the newest load of a task may write its result, so a slow stale answer never wins.
  const latestLoad = new Map<string, number>();
  const inflight = new Map<string, Load>();
  // What the diff in the store was computed from, and whether the Review tab has shown it.
  const held = new Map<string, { basis: Basis; shown: boolean }>();
  let loads = 0;

  // The tasks whose diff the store holds, least recently loaded first.
  const keep = (taskId: string) => {
    held.delete(taskId);
    const order = [...held.keys()];
    const selected = get().selectedTaskId ?? null;
    for (const old of order.slice(0, Math.max(0, order.length + 1 - maxHeldDiffs))) {
      if (old === selected || inflight.has(old)) continue;
      held.delete(old);
      patchReview(set, old, () => ({ diff: null }));
    }
  };

  const current = (taskId: string, basis: Basis) =>
    basis.updatedAt !== null &&
    basis.updatedAt === (get().tasks?.[taskId]?.updatedAt ?? null) &&
    Date.now() - basis.requestedAt < diffFreshForMs;

  const load = (taskId: string, shown: boolean): Promise<void> => {
    const client = get().client;
    if (!client) {
      patchReview(set, taskId, () => ({ error: notConnected }));
      return Promise.resolve();
    }
    const id = ++loads;
    latestLoad.set(taskId, id);
    const isLatest = () => latestLoad.get(taskId) === id;
    const live = get().tasks?.[taskId] ?? null;
    const entry: Load = {
      basis: { updatedAt: live?.updatedAt ?? null, requestedAt: Date.now() },
      shown,
      done: Promise.resolve(),
    };
    patchReview(set, taskId, () => ({ loading: true, error: null }));
    // The task list keeps a live copy of the task; fetch it only when there is none (its title
    // and status show as soon as they arrive, before a big diff).
    const task = live
      ? Promise.resolve()
      : client.call('task/get', { taskId }).then(
          // A copy newer than this answer (from a merge or removal that finished meanwhile) stays.
          (result) =>
            void (
              isLatest() &&
              patchReview(set, taskId, (review) => ({
                task: review.task && review.task.updatedAt > result.task.updatedAt ? review.task : result.task,
              }))
            ),
          () => undefined,
        );
    entry.done = (async () => {
      try {
        const { diff } = await client.call('task/diff', { taskId });
        if (!isLatest()) return;
        keep(taskId);
        held.set(taskId, { basis: entry.basis, shown: entry.shown });
        patchReview(set, taskId, (review) => {
          const next = reuseUnchanged(review.diff, diff);
          return {
            loading: false,
            diff: next,
            selectedPath: next.files.some((file) => file.path === review.selectedPath) ? review.selectedPath : null,
          };
        });
      } catch (error) {
        if (isLatest()) patchReview(set, taskId, () => ({ loading: false, error: toReviewError(error) }));
      } finally {
        if (inflight.get(taskId) === entry) inflight.delete(taskId);
      }
      await task;
    })();
    inflight.set(taskId, entry);
    return entry.done;
  };

  return {
    loadDiff: (taskId) => load(taskId, true),

    prefetchDiff(taskId) {
      const running = inflight.get(taskId);
      if (running && current(taskId, running.basis)) return running.done;
      const known = held.get(taskId);
      if (known && current(taskId, known.basis) && get().reviews[taskId]?.diff) return Promise.resolve();
      return load(taskId, false);
    },

    showDiff(taskId) {
      const running = inflight.get(taskId);
      if (running && current(taskId, running.basis)) {
        running.shown = true;
        return running.done;
      }
      const known = held.get(taskId);
      if (known && !known.shown && current(taskId, known.basis) && get().reviews[taskId]?.diff) {
        known.shown = true;
        return Promise.resolve();
      }
      return load(taskId, true);
    },
  };
};
