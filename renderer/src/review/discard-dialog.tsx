import { useStore } from '../store/store.js';
import { Dialog } from '../components/dialog.js';
import { idleAction, selectReviewTask } from './review-state.js';

/** Props of the discard confirmation. */
export interface DiscardDialogProps {
  taskId: string;
  onClose(): void;
}

/**
 * Confirms a discard, saying what happens: the worktree and branch go, the work is archived under
 * refs/flotilla/archive/<task> and can be restored; ignored files are not kept. Closes itself once
 * the discard is done.
 */
export function DiscardDialog({ taskId, onClose }: DiscardDialogProps) {
  const task = useStore(selectReviewTask(taskId));
  const discard = useStore((state) => state.reviews[taskId]?.discard ?? idleAction);
  const discardTask = useStore((state) => state.discardTask);
  const resetDiscard = useStore((state) => state.resetDiscard);
  const close = () => {
    resetDiscard(taskId);
    onClose();
  };
  const confirm = async () => {
    await discardTask(taskId);
    if (useStore.getState().reviews[taskId]?.discard.status === 'done') close();
  };
  const busy = discard.status === 'busy';

  return (
    <Dialog look="review" title={`Discard ${task?.title ?? taskId}?`} onClose={close} testId="discard-dialog">
      <p>
        The task&apos;s worktree is removed
        {task ? (
          <>
            {' '}
            and its branch <code>{task.branch}</code> deleted
          </>
        ) : null}
        . Its work — commits, staged and uncommitted changes — is archived under{' '}
        <code>refs/flotilla/archive/{taskId}</code>, so you can restore it later from the discarded tasks.
      </p>
      <p>Ignored files (such as node_modules, build output and .env) are not archived.</p>
      {discard.status === 'failed' && (
        <p role="alert" className="fl-review-error" data-testid="discard-error">
          {discard.error.message}
        </p>
      )}
      <div className="fl-review-dialog-actions">
        <button type="button" onClick={close} data-autofocus aria-label="Keep the task">
          Cancel
        </button>
        <button
          type="button"
          className="fl-review-danger"
          disabled={busy}
          onClick={() => void confirm()}
          aria-label="Discard the task"
          data-testid="discard-confirm"
        >
          {busy ? 'Discarding…' : 'Discard'}
        </button>
      </div>
    </Dialog>
  );
}
