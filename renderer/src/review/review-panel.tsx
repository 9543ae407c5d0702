import { useEffect, useRef, useState } from 'react';
import type { TaskDiff } from '../../../shared/diff.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { TaskStatus } from '../../../shared/task.js';
import { useStore } from '../store/store.js';
import { BaseBehindBanner } from './base-behind.js';
import { OtherAttempts, SiblingMergedBanner } from './other-attempts.js';
import { DiscardDialog } from './discard-dialog.js';
import { Counts } from '../components/counts.js';
import { PaneIcon } from '../components/icons.js';
import { MergeDialog } from './merge-dialog.js';
import { QueueBanner } from '../views/queue/queue-banner.js';
import { MergedBanner } from './merged-banner.js';
import { ReviewBody } from './review-body.js';
import { selectReviewTask } from './review-state.js';
import { ReviewToolbar } from './review-toolbar.js';
import { splitMinWidth, useDiffWidth } from './use-diff-width.js';

/** Props of the review panel. */
export interface ReviewPanelProps {
  taskId: string;
}

/**
 * The review of one task: totals and actions on top, the changed-files tree on the left, the
 * virtualized diff on the right; merge and discard open their dialogs from here. Shows the diff
 * prefetched with the thread when it is still current, and loads it otherwise.
 */
export function ReviewPanel({ taskId }: ReviewPanelProps) {
  const review = useStore((state) => state.reviews[taskId]);
  const loadDiff = useStore((state) => state.loadDiff);
  const showDiff = useStore((state) => state.showDiff);
  const restoreTask = useStore((state) => state.restoreTask);
  const task = useStore(selectReviewTask(taskId));
  const [dialog, setDialog] = useState<'merge' | 'discard' | null>(null);
  const fileTreeHidden = useStore((state) => state.fileTreeHidden);
  const toggleFileTree = useStore((state) => state.toggleFileTree);
  const splitWhenNarrow = useStore((state) => state.splitWhenNarrow);
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  const diffWidth = useDiffWidth(body, !fileTreeHidden);
  // Split falls back to unified while the diff area is narrow, unless Split was chosen while it was.
  const narrow = diffWidth !== null && diffWidth < splitMinWidth;
  const chosenMode = review?.viewMode ?? 'unified';
  const viewMode = chosenMode === 'split' && narrow && !splitWhenNarrow ? 'unified' : chosenMode;

  // When shown, use the diff prefetched with the thread if it is still current (or the load of it
  // on its way), else load; load again whenever the task changes state (a turn ended, a restore)
  // or its worktree comes or goes (a merged task's diff is then read from the repository).
  // A discarded task has no worktree to diff, so its last diff stays up under the banner that says so.
  const status = task?.status;
  const hasWorktree = task?.hasWorktree;
  const discarded = status === 'discarded';
  const seen = useRef<{ taskId: string; status: TaskStatus | undefined; hasWorktree: boolean | undefined } | null>(
    null,
  );
  useEffect(() => {
    const before = seen.current;
    seen.current = { taskId, status, hasWorktree };
    if (discarded) return;
    if (before?.taskId !== taskId) void showDiff(taskId);
    else if (before.status !== undefined && (status !== before.status || hasWorktree !== before.hasWorktree))
      void loadDiff(taskId);
  }, [taskId, status, hasWorktree, discarded, loadDiff, showDiff]);

  const diff = review?.diff ?? null;

  return (
    <section className="fl-review fl-review-panel" aria-label="Review changes" data-testid="review-panel">
      <header className="fl-review-header">
        <span className="fl-review-header-start">
          <button
            type="button"
            className="fl-review-tree-toggle"
            aria-pressed={!fileTreeHidden}
            aria-label={fileTreeHidden ? 'Show the file tree' : 'Hide the file tree'}
            title={fileTreeHidden ? 'Show the file tree' : 'Hide the file tree'}
            data-testid="review-tree-toggle"
            onClick={toggleFileTree}
          >
            <PaneIcon />
          </button>
          <Totals diff={diff} loading={review?.loading ?? true} />
        </span>
        <ReviewToolbar
          taskId={taskId}
          onMerge={() => setDialog('merge')}
          onDiscard={() => setDialog('discard')}
          shownMode={viewMode}
          narrow={narrow}
        />
      </header>
      {task?.status === 'discarded' && (
        <div className="fl-review-banner" role="status" data-testid="review-discarded">
          {task.mergedCommit ? (
            <>
              This merged task was cleaned up: its change stays on {task.mergedInto ?? 'the branch it was merged into'},
              and its branch is archived under{' '}
            </>
          ) : (
            'This task was discarded; its work is archived under '
          )}
          <code>{task.archiveRef ?? `refs/flotilla/archive/${taskId}`}</code>.
          <button
            type="button"
            disabled={review?.restore.status === 'busy'}
            onClick={() => void restoreTask(taskId)}
            aria-label="Restore the task from its archive"
            data-testid="review-restore"
          >
            {review?.restore.status === 'busy' ? 'Restoring…' : 'Restore'}
          </button>
          {review?.restore.status === 'failed' && <span role="alert">{review.restore.error.message}</span>}
        </div>
      )}
      <MergedBanner taskId={taskId} />
      <OtherAttempts taskId={taskId} />
      <SiblingMergedBanner taskId={taskId} />
      <BaseBehindBanner key={taskId} taskId={taskId} />
      <QueueBanner taskId={taskId} />
      {review?.error && (
        // Some answers are news, not failures (no worktree yet, a merged change no longer in the repository): said
        // calmly.
        <div
          role={calmError(review.error.code, status) ? 'status' : 'alert'}
          className={`fl-review-banner${calmError(review.error.code, status) ? '' : ' fl-review-error'}`}
          data-testid="review-error"
        >
          {review.error.message}
          <button type="button" onClick={() => void loadDiff(taskId)} aria-label="Load the diff again">
            Try again
          </button>
        </div>
      )}
      {diff && diff.files.length === 0 && <p className="fl-review-empty">No changes against {diff.baseRef} yet.</p>}
      {diff && diff.files.length > 0 && (
        <ReviewBody taskId={taskId} diff={diff} viewMode={viewMode} fileTreeHidden={fileTreeHidden} bodyRef={setBody} />
      )}
      {dialog === 'merge' && <MergeDialog taskId={taskId} onClose={() => setDialog(null)} />}
      {dialog === 'discard' && <DiscardDialog taskId={taskId} onClose={() => setDialog(null)} />}
    </section>
  );
}

/** True for a diff answer that informs rather than reports a failure. */
function calmError(code: ErrorCode, status: TaskStatus | undefined): boolean {
  return code === 'noWorktree' || (status === 'merged' && code === 'notFound');
}

function Totals({ diff, loading }: { diff: TaskDiff | null; loading: boolean }) {
  if (!diff)
    return <span className="fl-review-totals fl-review-muted">{loading ? 'Loading the diff…' : 'No diff loaded'}</span>;
  const files = `${diff.files.length} file${diff.files.length === 1 ? '' : 's'} changed`;
  return (
    <span
      className="fl-review-totals"
      data-testid="review-totals"
      aria-label={`${files}, ${diff.additions} lines added, ${diff.deletions} removed, against ${diff.baseRef}`}
    >
      <span>{files}</span> <Counts additions={diff.additions} deletions={diff.deletions} />
      {loading && <span className="fl-review-muted"> · refreshing…</span>}
    </span>
  );
}
