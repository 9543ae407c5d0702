import { isActive } from '../../../../shared/task.js';
import { whenIdle, type IdleHandle } from '../../components/when-idle.js';
import { useStore } from '../../store/store.js';
import { loadReviewModule } from './review-chunk.js';

/**
 * Gets a task's Review tab ready while the user reads its thread, so the tab opens on ready data:
 * when the browser is next idle it loads the review feature's code, and once the thread itself has
 * loaded (the diff never competes with it) it prefetches the task's diff, and again whenever a
 * turn ends while the thread is open (the moment a user most often turns to the review). A task
 * an agent is working in is left alone: its diff would be out of date by the next event. The
 * review slice keeps prefetched diffs honest: any later event on the task, or time, makes the tab
 * load afresh. Returns the function that calls off what has not started yet.
 */
export function prefetchReview(taskId: string, threadLoaded: Promise<unknown>, store = useStore): () => void {
  let cancelled = false;
  let diff: IdleHandle | null = null;
  let unsubscribe = () => {};
  // A failed load is reported (with a retry) by the tab itself, if the user opens it.
  const code = whenIdle(() => void loadReviewModule().catch(() => undefined));
  const prefetchDiff = () => {
    diff?.cancel();
    diff = whenIdle(() => {
      const state = store.getState();
      const task = state.tasks[taskId];
      // The Review tab on screen loads its own diff; a task without a worktree has none to show.
      if (!task?.hasWorktree || isActive(task.status) || task.status === 'discarded' || state.taskTab === 'review')
        return;
      void state.prefetchDiff(taskId);
    });
  };
  const afterThread = () => {
    if (cancelled) return;
    prefetchDiff();
    unsubscribe = store.subscribe((state, previous) => {
      const status = state.tasks[taskId]?.status;
      const before = previous.tasks[taskId]?.status;
      if (status && before && status !== before && isActive(before) && !isActive(status)) prefetchDiff();
    });
  };
  threadLoaded.then(afterThread, afterThread);
  return () => {
    cancelled = true;
    code.cancel();
    diff?.cancel();
    unsubscribe();
  };
}
