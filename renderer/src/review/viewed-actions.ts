import type { DiffFile } from '../../../shared/diff.js';
import type { Slice } from '../store/slice.js';
import { loadViewedMarks, saveViewedMarks, withViewed, type ViewedMarks } from './viewed-marks.js';

/** The review's per-file "viewed" marks, kept per task in localStorage. */
export interface ViewedActions {
  /** Per task id; missing until the task's review first reads them. */
  viewedMarks: Record<string, ViewedMarks>;
  /** Reads a task's saved marks into the store (once; later calls keep what the store has). */
  loadViewed(taskId: string): void;
  /** Marks a file viewed as its diff is now, or unmarks it, and saves the task's marks. */
  setViewed(taskId: string, file: DiffFile, viewed: boolean): void;
}

/** Creates the viewed-marks actions of the review slice. */
export const createViewedActions: Slice<ViewedActions> = (set, get) => ({
  viewedMarks: {},

  loadViewed(taskId) {
    if (get().viewedMarks[taskId]) return;
    set(({ viewedMarks }) => ({ viewedMarks: { ...viewedMarks, [taskId]: loadViewedMarks(taskId) } }));
  },

  setViewed(taskId, file, viewed) {
    const marks = withViewed(get().viewedMarks[taskId] ?? loadViewedMarks(taskId), file, viewed);
    saveViewedMarks(taskId, marks);
    set(({ viewedMarks }) => ({ viewedMarks: { ...viewedMarks, [taskId]: marks } }));
  },
});
