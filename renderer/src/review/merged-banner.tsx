import { useStore } from '../store/store.js';
import { idleAction, selectReviewTask } from './review-state.js';

/**
 * Over a merged task's review: where its work is now, and for a worktree still on disk a button to
 * remove it (task/removeWorktree; the branch keeps the work and a follow-up brings it back).
 */
export function MergedBanner({ taskId }: { taskId: string }) {
  const task = useStore(selectReviewTask(taskId));
  const removal = useStore((state) => state.reviews[taskId]?.removal ?? idleAction);
  const removeWorktree = useStore((state) => state.removeWorktree);
  if (task?.status !== 'merged') return null;
  if (!task.hasWorktree) {
    return (
      <div className="fl-review-banner" role="status" data-testid="review-worktree-removed">
        <span>
          Merged, and its worktree was removed to free the space; the branch <code>{task.branch}</code> keeps the work. Send the task a message to bring the worktree back and go on.
        </span>
      </div>
    );
  }
  const busy = removal.status === 'busy';
  return (
    <div className="fl-review-banner" data-testid="review-merged">
      <span>
        Merged. Its worktree is still on disk at <code className="fl-review-path">{task.worktreePath}</code>.
      </span>
      <button type="button" disabled={busy} onClick={() => void removeWorktree(taskId)} data-testid="review-remove-worktree" title={`The branch ${task.branch} keeps the work; a message to the task brings the worktree back.`}>
        {busy ? 'Removing…' : 'Remove the worktree'}
      </button>
      {removal.status === 'failed' && <span role="alert">{removal.error.message}</span>}
    </div>
  );
}
