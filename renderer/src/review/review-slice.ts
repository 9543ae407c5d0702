import type { Slice } from '../store/slice.js';
import { createCommentActions, type CommentActions } from './comment-actions.js';
import { createMergeActions, type MergeActions } from './merge-actions.js';
import { notConnected, toReviewError } from './review-error.js';
import { patchReview, type DiffViewMode, type DiscardedTasks, type TaskReview } from './review-state.js';

/** Review state: diffs, line comments, merge previews and discards, per task (owned by the review feature). */
export interface ReviewSlice extends CommentActions, MergeActions {
  /** Per task id; missing until the task is first reviewed. */
  reviews: Record<string, TaskReview>;
  /** The view mode the user last chose; tasks reviewed for the first time start in it. */
  reviewViewMode: DiffViewMode;
  discardedTasks: DiscardedTasks;
  /** Loads (or reloads) a task's diff and the task itself. */
  loadDiff(taskId: string): Promise<void>;
  /** Marks the file the user is looking at (the tree's selection; the viewer scrolls to it). */
  selectDiffFile(taskId: string, path: string | null): void;
  setDiffViewMode(taskId: string, mode: DiffViewMode): void;
}

/** Creates the review slice. */
export const createReviewSlice: Slice<ReviewSlice> = (set, get, store) => {
  // Only the newest load of a task may write its result, so a slow stale answer never wins.
  const latestLoad = new Map<string, number>();
  let loads = 0;
  return {
    reviews: {},
    reviewViewMode: 'unified',
    discardedTasks: { tasks: [], loading: false, error: null, restoring: {} },

    async loadDiff(taskId) {
      const client = get().client;
      if (!client) {
        patchReview(set, taskId, () => ({ error: notConnected }));
        return;
      }
      const load = ++loads;
      latestLoad.set(taskId, load);
      patchReview(set, taskId, () => ({ loading: true, error: null }));
      const isLatest = () => latestLoad.get(taskId) === load;
      // The task (title, status) is shown as soon as it arrives; a big diff may take longer.
      const task = client.call('task/get', { taskId }).then(
        (result) => isLatest() && patchReview(set, taskId, () => ({ task: result.task })),
        () => undefined,
      );
      try {
        const { diff } = await client.call('task/diff', { taskId });
        if (!isLatest()) return;
        patchReview(set, taskId, (review) => ({
          loading: false,
          diff,
          selectedPath: diff.files.some((file) => file.path === review.selectedPath) ? review.selectedPath : null,
        }));
      } catch (error) {
        if (isLatest()) patchReview(set, taskId, () => ({ loading: false, error: toReviewError(error) }));
      }
      await task;
    },

    selectDiffFile(taskId, path) {
      patchReview(set, taskId, () => ({ selectedPath: path }));
    },

    setDiffViewMode(taskId, mode) {
      set({ reviewViewMode: mode });
      patchReview(set, taskId, () => ({ viewMode: mode }));
    },

    ...createCommentActions(set, get, store),
    ...createMergeActions(set, get, store),
  };
};
