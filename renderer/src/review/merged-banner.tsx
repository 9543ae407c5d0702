import type { TaskDiff } from '../../../shared/diff.js';
import { useStore } from '../store/store.js';
import { idleAction, selectReviewTask } from './review-state.js';

/**
 * What a follow-up message does to a merged task, as the engine does it (task/send brings a removed
 * worktree back from the branch and runs there); the review's banner and the thread's follow-up box
 * both say it with this one sentence.
 */
export function mergedFollowUpHint(hasWorktree: boolean): string {
  return hasWorktree
    ? 'A follow-up message goes on in its worktree, on the same branch; merge again to land what it adds.'
    : 'A follow-up message brings its worktree back from the branch and goes on there; merge again to land what it adds.';
}

/**
 * Over a merged task's review: what was merged into which branch, where its work is now, and for
 * a worktree still on disk a button to remove it (task/removeWorktree; the branch keeps the work
 * and a follow-up brings it back). Informational, never styled as an error.
 */
export function MergedBanner({ taskId }: { taskId: string }) {
  const task = useStore(selectReviewTask(taskId));
  const diff = useStore((state) => state.reviews[taskId]?.diff ?? null);
  const removal = useStore((state) => state.reviews[taskId]?.removal ?? idleAction);
  const removeWorktree = useStore((state) => state.removeWorktree);
  if (task?.status !== 'merged') return null;
  const into = task.mergedInto ?? diff?.merged?.into ?? task.baseBranch;
  const merged = (
    <>
      Merged
      {into ? (
        <>
          {' '}
          into <strong>{into}</strong>
        </>
      ) : null}
      {task.mergedCommit ? (
        <>
          {' '}
          as <code>{task.mergedCommit.slice(0, 10)}</code>
        </>
      ) : null}
      .
    </>
  );
  if (!task.hasWorktree) {
    return (
      <div className="fl-review-banner" role="status" data-testid="review-worktree-removed">
        <span>
          {merged} {shownChange(diff)}Its worktree was removed to free the space; the branch <code>{task.branch}</code>{' '}
          keeps the work. {mergedFollowUpHint(false)}
        </span>
      </div>
    );
  }
  const busy = removal.status === 'busy';
  return (
    <div className="fl-review-banner" role="status" data-testid="review-merged">
      <span>
        {merged} Its worktree is still on disk at <code className="fl-review-path">{task.worktreePath}</code>.
      </span>
      <button
        type="button"
        disabled={busy}
        onClick={() => void removeWorktree(taskId)}
        data-testid="review-remove-worktree"
        title={`The branch ${task.branch} keeps the work; a message to the task brings the worktree back.`}
      >
        {busy ? 'Removing…' : 'Remove the worktree'}
      </button>
      {removal.status === 'failed' && <span role="alert">{removal.error.message}</span>}
    </div>
  );
}

/** What the diff below the banner shows, when it was read from the repository rather than a worktree. */
function shownChange(diff: TaskDiff | null): string {
  if (!diff?.merged) return '';
  return diff.merged.source === 'mergeCommit'
    ? 'Below is the change that merge made. '
    : 'Below is its branch against its base (the merge commit is no longer in the repository). ';
}
