import type { StoreApi } from 'zustand';
import { patchReview } from '../review/review-state.js';
import { draftOf, pruneDrafts, saveDraft } from './drafts.js';
import type { RootState } from './store.js';

/**
 * Keeps the review's unsent line comments (and the open comment box) of every task in storage, so
 * a reload or a closed window loses none: a task's review starts with them again when it is first
 * opened. Drafts of tasks gone, discarded or merged are dropped once the task list has loaded (on a window without
 * remote hosts).
 * Returns the function that stops it.
 */
export function keepDrafts(store: StoreApi<RootState>): () => void {
  return store.subscribe((state, previous) => {
    // With remote hosts, the tasks shown are one host's: another's drafts are not gone.
    if (listsLoaded(state) && !listsLoaded(previous) && state.hosts.length === 0) pruneDrafts(state.tasks);
    if (state.reviews === previous.reviews) return;
    for (const [taskId, review] of Object.entries(state.reviews)) {
      const before = previous.reviews[taskId];
      if (!before) {
        const saved = draftOf(taskId);
        if (saved && review.comments.length === 0 && !review.draft && (saved.comments?.length || saved.commentBox)) {
          // A nested update: this listener sees it next, and saves the same again.
          patchReview(store.setState, taskId, () => ({
            comments: saved.comments ?? [],
            draft: saved.commentBox ?? null,
          }));
          continue;
        }
      }
      if (before && before.comments === review.comments && before.draft === review.draft) continue;
      if (!before && review.comments.length === 0 && !review.draft) continue;
      saveDraft(taskId, { comments: review.comments, commentBox: review.draft });
    }
  });
}

function listsLoaded(state: RootState): boolean {
  return state.tasksLoaded && state.hostsLoaded;
}
