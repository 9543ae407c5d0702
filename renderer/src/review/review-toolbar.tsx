import { nothingToMergeMessage, nothingToMergeReason } from '../../../shared/task.js';
import { useStore } from '../store/store.js';
import { PullRequestButton, PullRequestStatus } from './pull-request-controls.js';
import { PushButton, PushStatus } from './push-controls.js';
import { idleAction, selectReviewTask, type DiffViewMode, type ReviewComment } from './review-state.js';
import { splitMinWidth } from './use-diff-width.js';

const noComments: readonly ReviewComment[] = [];

/** Props of the review toolbar. */
export interface ReviewToolbarProps {
  taskId: string;
  onMerge(): void;
  onDiscard(): void;
  /**
   * The layout the diff is shown in, when it differs from the one chosen (split falls back to unified while narrow).
   */
  shownMode?: DiffViewMode;
  /** Whether the diff area is too narrow for a split diff. */
  narrow?: boolean;
}

/**
 * Why Discard… is off, or null while it is on: a merged task's change is already on its target, so
 * there is nothing left to throw away (its branch and any worktree stay, and a follow-up goes on).
 */
export function discardDisabledReason(status: string | null, mergedInto: string | null): string | null {
  if (status === 'merged')
    return `Already merged${mergedInto ? ` into ${mergedInto}` : ''}: its change is there, so there is nothing to discard.`;
  if (status === 'discarded') return 'Already discarded; Restore brings it back.';
  return null;
}

/**
 * The review actions: layout switch, Refresh, "Request changes (N)", "Merge…", "Push" and "Discard…", with where the
 * branch was pushed.
 */
export function ReviewToolbar({ taskId, onMerge, onDiscard, shownMode, narrow = false }: ReviewToolbarProps) {
  const chosenMode = useStore((state) => state.reviews[taskId]?.viewMode ?? state.reviewViewMode);
  const viewMode = shownMode ?? chosenMode;
  const setSplitWhenNarrow = useStore((state) => state.setSplitWhenNarrow);
  const loading = useStore((state) => state.reviews[taskId]?.loading ?? false);
  const comments = useStore((state) => state.reviews[taskId]?.comments ?? noComments);
  const sending = useStore((state) => state.reviews[taskId]?.sending ?? idleAction);
  const status = useStore((state) => selectReviewTask(taskId)(state)?.status ?? null);
  const loadDiff = useStore((state) => state.loadDiff);
  const setDiffViewMode = useStore((state) => state.setDiffViewMode);
  const requestChanges = useStore((state) => state.requestChanges);
  const mergedInto = useStore((state) => {
    const task = selectReviewTask(taskId)(state);
    return task?.mergedInto ?? task?.baseBranch ?? null;
  });
  const finished = status === 'merged' || status === 'discarded';
  // The loaded diff is the latest word (it sees loose files too); the task's last count stands in until it loads.
  const nothingToMerge = useStore((state) => {
    const diff = state.reviews[taskId]?.diff;
    if (diff) return diff.files.length === 0 ? nothingToMergeMessage : null;
    const task = selectReviewTask(taskId)(state);
    return task ? nothingToMergeReason(task) : null;
  });
  const discardReason = discardDisabledReason(status, mergedInto);

  const layoutButton = (mode: DiffViewMode, label: string) => (
    <button
      type="button"
      aria-pressed={viewMode === mode}
      onClick={() => {
        // Split chosen while the area is narrow is what the user wants: keep it until Unified is chosen.
        if (mode === 'unified' || narrow) setSplitWhenNarrow(mode === 'split');
        setDiffViewMode(taskId, mode);
      }}
      aria-label={`${label} diff`}
      title={
        mode === 'split' && narrow && viewMode !== 'split'
          ? `The diff area is narrower than ${splitMinWidth} px, so it shows unified; choose Split to split it anyway`
          : undefined
      }
      data-testid={`review-view-${mode}`}
    >
      {label}
    </button>
  );

  return (
    <div className="fl-review-toolbar" role="toolbar" aria-label="Review actions">
      <div className="fl-review-segmented" role="group" aria-label="Diff layout">
        {layoutButton('unified', 'Unified')}
        {layoutButton('split', 'Split')}
      </div>
      <button
        type="button"
        onClick={() => void loadDiff(taskId)}
        disabled={loading}
        aria-label="Refresh the diff"
        data-testid="review-refresh"
      >
        Refresh
      </button>
      <button
        type="button"
        onClick={() => void requestChanges(taskId)}
        disabled={comments.length === 0 || sending.status === 'busy' || finished}
        aria-label={`Request changes: send ${comments.length} comment${comments.length === 1 ? '' : 's'} to the agent`}
        data-testid="review-request-changes"
      >
        {sending.status === 'busy' ? 'Sending…' : `Request changes (${comments.length})`}
      </button>
      <button
        type="button"
        className="fl-review-primary"
        onClick={onMerge}
        disabled={finished || nothingToMerge !== null}
        aria-label="Merge…"
        aria-describedby={!finished && nothingToMerge ? `merge-reason-${taskId}` : undefined}
        title={!finished && nothingToMerge ? nothingToMerge : undefined}
        data-testid="review-merge"
      >
        Merge…
      </button>
      <PushButton taskId={taskId} />
      <PullRequestButton taskId={taskId} />
      <button
        type="button"
        className="fl-review-danger"
        onClick={onDiscard}
        disabled={finished}
        title={discardReason ?? undefined}
        aria-label="Discard…"
        data-testid="review-discard"
      >
        Discard…
      </button>
      {!finished && nothingToMerge && (
        <span className="fl-review-muted" id={`merge-reason-${taskId}`} data-testid="merge-disabled-reason">
          {nothingToMerge}
        </span>
      )}
      {sending.status === 'failed' && (
        <span role="alert" className="fl-review-error" data-testid="review-send-error">
          {sending.error.message}
        </span>
      )}
      {sending.status === 'done' && (
        <span role="status" className="fl-review-muted">
          Comments sent to the agent.
        </span>
      )}
      <PushStatus taskId={taskId} />
      <PullRequestStatus taskId={taskId} />
    </div>
  );
}
