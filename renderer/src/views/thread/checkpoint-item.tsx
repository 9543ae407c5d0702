import { useState } from 'react';
import { describeChanges, isActive } from '../../../../shared/task.js';
import { Dialog } from '../../components/dialog.js';
import { useStore } from '../../store/store.js';
import type { ThreadItemOf } from '../../../../shared/thread-items.js';
import { errorText } from '../../transport/client-error.js';

/**
 * A checkpoint line in the thread, with "Roll back to here…" on every checkpoint the branch is not
 * at (while the agent works it is disabled, and says why). The confirm dialog says what happens.
 */
export function CheckpointItem({ item, taskId }: { item: ThreadItemOf<'checkpoint'>; taskId: string }) {
  const status = useStore((state) => state.tasks[taskId]?.status);
  const here = useStore((state) => state.tasks[taskId]?.lastCommit === item.commit);
  const [confirming, setConfirming] = useState(false);
  const short = item.commit.slice(0, 10);
  const offered = status !== undefined && status !== 'merged' && status !== 'discarded' && !here;
  const busy = status !== undefined && isActive(status);
  return (
    <div className="line-item muted checkpoint-line" data-testid="checkpoint-line" data-commit={item.commit}>
      Checkpoint <code>{short}</code> {item.message}
      {item.changes && ` · in all, ${describeChanges(item.changes)}`}
      {offered && (
        <button
          type="button"
          className="button small ghost checkpoint-rollback"
          disabled={busy}
          title={
            busy
              ? 'Wait for the agent’s turn to end (or stop it), then roll back.'
              : `Move the task back to checkpoint ${short}`
          }
          onClick={() => setConfirming(true)}
          data-testid="checkpoint-rollback"
        >
          Roll back to here…
        </button>
      )}
      {confirming && (
        <RollbackDialog
          taskId={taskId}
          commit={item.commit}
          message={item.message}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

function RollbackDialog({
  taskId,
  commit,
  message,
  onClose,
}: {
  taskId: string;
  commit: string;
  message: string;
  onClose(): void;
}) {
  const branch = useStore((state) => state.tasks[taskId]?.branch ?? 'the task branch');
  const rollbackTask = useStore((state) => state.rollbackTask);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const short = commit.slice(0, 10);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await rollbackTask(taskId, commit);
      onClose();
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Roll back to checkpoint ${short}?`} onClose={onClose} testId="rollback-dialog">
      <div className="rollback-dialog-body">
        <p>
          The branch <code>{branch}</code> moves back to checkpoint <code>{short}</code> ({message}), and the
          task&apos;s worktree is reset to it. Anything not checkpointed yet is checkpointed first.
        </p>
        <p>
          Nothing is lost: everything after this checkpoint stays in the repository under{' '}
          <code>refs/flotilla/archive/{taskId}-rollback-…</code> (the thread names it), and you can roll forward to a
          later checkpoint the same way. Ignored files such as build output stay as they are.
        </p>
        {error && (
          <p role="alert" className="error-text" data-testid="rollback-error">
            {error}
          </p>
        )}
      </div>
      <div className="rollback-dialog-actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void confirm()}
          data-testid="rollback-confirm"
        >
          {busy ? 'Rolling back…' : 'Roll back'}
        </button>
      </div>
    </Dialog>
  );
}
