import type { Slice } from '../store/slice.js';
import { createCommentActions, type CommentActions } from './comment-actions.js';
import { createDiffLoadActions, type DiffLoadActions } from './diff-loads.js';
import { createMergeActions, type MergeActions } from './merge-actions.js';
import { createPullRequestActions, type PullRequestActions } from './pull-request-actions.js';
import { patchReview, type DiffViewMode, type DiscardedTasks, type TaskReview } from './review-state.js';
import { createRollbackActions, type RollbackActions } from './rollback-actions.js';
import { createViewedActions, type ViewedActions } from './viewed-actions.js';

/** Review state: diffs, line comments, merge previews and discards, per task (owned by the review feature). */
export interface ReviewSlice
  extends DiffLoadActions, CommentActions, MergeActions, ViewedActions, RollbackActions, PullRequestActions {
  /** Per task id; missing until the task is first reviewed. */
  reviews: Record<string, TaskReview>;
  /** The view mode the user last chose; tasks reviewed for the first time start in it. */
  reviewViewMode: DiffViewMode;
  discardedTasks: DiscardedTasks;
  /** Marks the file the user is looking at (the tree's selection; the viewer scrolls to it). */
  selectDiffFile(taskId: string, path: string | null): void;
  setDiffViewMode(taskId: string, mode: DiffViewMode): void;
}

/** Creates the review slice. */
export const createReviewSlice: Slice<ReviewSlice> = (set, get, store) => ({
  reviews: {},
  reviewViewMode: 'unified',
  discardedTasks: { tasks: [], loading: false, error: null, restoring: {} },

  selectDiffFile(taskId, path) {
    patchReview(set, taskId, () => ({ selectedPath: path }));
  },

  setDiffViewMode(taskId, mode) {
    set({ reviewViewMode: mode });
    patchReview(set, taskId, () => ({ viewMode: mode }));
  },

  ...createDiffLoadActions(set, get, store),
  ...createCommentActions(set, get, store),
  ...createMergeActions(set, get, store),
  ...createViewedActions(set, get, store),
  ...createRollbackActions(set, get, store),
  ...createPullRequestActions(set, get, store),
});
