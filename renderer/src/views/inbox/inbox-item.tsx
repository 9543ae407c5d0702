import { memo, useState } from 'react';
import type { InboxState } from '../../../../shared/automation.js';
import { isActive, nothingToMergeReason } from '../../../../shared/task.js';
import { ErrorText } from '../../components/error-text.js';
import { DiscardDialog } from '../../review/discard-dialog.js';
import { MergeDialog } from '../../review/merge-dialog.js';
import { discardDisabledReason } from '../../review/review-toolbar.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { RunTasks } from '../automations/run-tasks.js';
import { formatWhen } from '../automations/run-text.js';

/**
 * One inbox run: its automation (bold while unread), why it fired, what came of it, and its tasks with their status.
 * Opening it opens its (first) task and marks it read; Merge… and Discard… use the review's dialogs; Mark read or
 * unread, Archive or bring back.
 */
export const InboxItem = memo(function InboxItem({ runId }: { runId: string }) {
  const run = useStore((state) => state.automationRuns[runId]);
  const name = useStore((state) => {
    const id = state.automationRuns[runId]?.automationId ?? '';
    return state.automations[id]?.name ?? state.tasks[state.automationRuns[runId]?.taskIds[0] ?? '']?.automation?.name;
  });
  const markInbox = useStore((state) => state.markInbox);
  const selectTask = useStore((state) => state.selectTask);
  const [error, setError] = useState<string | null>(null);
  if (!run || run.inbox === null) return null;
  const unread = run.inbox === 'unread';
  const mark = (state: InboxState) => {
    setError(null);
    markInbox(run.id, state).catch((failure: unknown) => setError(errorText(failure)));
  };
  const markRead = () => {
    if (unread) mark('read');
  };
  const open = () => {
    const first = run.taskIds[0];
    if (!first) return;
    markRead();
    selectTask(first);
  };
  return (
    <li
      className={`inbox-item${unread ? ' unread' : ''}${run.inbox === 'archived' ? ' archived' : ''}`}
      data-testid="inbox-item"
      data-run-id={run.id}
      data-inbox={run.inbox}
    >
      <button type="button" className="inbox-open" data-testid="inbox-open" onClick={open} title="Open its task">
        <span className="inbox-line">
          {unread && <span className="unread-dot" role="img" aria-label="unread" />}
          <span className="inbox-name" data-testid="inbox-name">
            {name ?? 'Removed automation'}
          </span>
          <time className="run-when" dateTime={run.firedAt} title={new Date(run.firedAt).toLocaleString()}>
            {formatWhen(run.firedAt)}
          </time>
        </span>
        <span className="inbox-reason" data-testid="inbox-reason">
          {run.reason}
        </span>
        {run.outcome && (
          <span className="inbox-outcome" data-testid="inbox-outcome">
            {run.outcome}
          </span>
        )}
      </button>
      <RunTasks taskIds={run.taskIds} onOpen={markRead} />
      <div className="inbox-actions" role="group" aria-label={`Actions for ${name ?? 'this run'}`}>
        {run.taskIds.map((taskId) => (
          <TaskActions key={taskId} taskId={taskId} several={run.taskIds.length > 1} />
        ))}
        <button
          type="button"
          className="button ghost small"
          data-testid="inbox-mark"
          onClick={() => mark(unread ? 'read' : 'unread')}
        >
          {unread ? 'Mark read' : 'Mark unread'}
        </button>
        <button
          type="button"
          className="button ghost small"
          data-testid="inbox-archive"
          onClick={() => mark(run.inbox === 'archived' ? 'read' : 'archived')}
        >
          {run.inbox === 'archived' ? 'Unarchive' : 'Archive'}
        </button>
      </div>
      <ErrorText error={error} testId="inbox-error" />
    </li>
  );
});

/** Merge… and Discard… for one of a run's tasks, through the review's own dialogs. */
function TaskActions({ taskId, several }: { taskId: string; several: boolean }) {
  const mergeBlocked = useStore((state) => {
    const task = state.tasks[taskId];
    if (!task) return 'This window does not know the task yet.';
    if (isActive(task.status)) return 'Its agent is still working.';
    return nothingToMergeReason(task);
  });
  const discardBlocked = useStore((state) => {
    const task = state.tasks[taskId];
    return task ? discardDisabledReason(task.status, task.mergedInto ?? task.baseBranch) : 'Unknown task.';
  });
  const title = useStore((state) => state.tasks[taskId]?.title ?? taskId);
  const settled = useStore((state) => ['merged', 'discarded'].includes(state.tasks[taskId]?.status ?? ''));
  const [dialog, setDialog] = useState<'merge' | 'discard' | null>(null);
  const suffix = several ? ` ${title}` : '';
  // A merged or discarded task has been dealt with: its status says so, and neither button could do anything.
  if (settled && dialog === null) return null;
  return (
    <>
      <button
        type="button"
        className="button small primary"
        data-testid="inbox-merge"
        disabled={mergeBlocked !== null}
        title={mergeBlocked ?? undefined}
        onClick={() => setDialog('merge')}
      >
        Merge{suffix}…
      </button>
      <button
        type="button"
        className="button small"
        data-testid="inbox-discard"
        disabled={discardBlocked !== null}
        title={discardBlocked ?? undefined}
        onClick={() => setDialog('discard')}
      >
        Discard{suffix}…
      </button>
      {dialog === 'merge' && <MergeDialog taskId={taskId} onClose={() => setDialog(null)} />}
      {dialog === 'discard' && <DiscardDialog taskId={taskId} onClose={() => setDialog(null)} />}
    </>
  );
}
