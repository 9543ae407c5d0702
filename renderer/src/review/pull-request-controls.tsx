import { useEffect } from 'react';
import { describeChecks, describePullRequestState, type PullRequest } from '../../../shared/pull-request.js';
import { useStore } from '../store/store.js';
import { pullRequestRefreshMs } from './pull-request-actions.js';
import { pushBlocked } from './push-controls.js';
import { idleAction, selectReviewTask } from './review-state.js';

/** "Create pull request" ("Push to pull request #N" once one is open, "Opening pull request…" while it runs). */
export function PullRequestButton({ taskId }: { taskId: string }) {
  const task = useStore(selectReviewTask(taskId));
  const action = useStore((state) => state.reviews[taskId]?.pullRequest ?? idleAction);
  const createPullRequest = useStore((state) => state.createPullRequest);
  const blocked = pushBlocked(task);
  const busy = action.status === 'busy';
  const open = task?.pullRequest?.state === 'open' ? task.pullRequest : null;
  const label = busy ? 'Opening pull request…' : open ? `Push to pull request #${open.number}` : 'Create pull request';
  return (
    <button
      type="button"
      onClick={() => void createPullRequest(taskId)}
      disabled={blocked !== null || busy}
      title={
        blocked ??
        `Push ${task?.branch ?? 'the task branch'} and ${open ? 'update' : 'open'} its pull request with the GitHub CLI (gh).`
      }
      data-testid="review-create-pull-request"
    >
      {label}
    </button>
  );
}

/** The task's pull request (link, state, checks); why gh could not be used and what to do; or why opening failed. */
export function PullRequestStatus({ taskId }: { taskId: string }) {
  const pullRequest = useStore((state) => selectReviewTask(taskId)(state)?.pullRequest ?? null);
  const action = useStore((state) => state.reviews[taskId]?.pullRequest ?? idleAction);
  const ghProblem = useStore((state) => state.reviews[taskId]?.ghProblem ?? null);
  return (
    <>
      {pullRequest && (
        <span role="status" className="fl-review-push-status" data-testid="review-pull-request-status">
          <PullRequestSummary pullRequest={pullRequest} />
        </span>
      )}
      {ghProblem && !pullRequest && (
        <span role="status" className="fl-review-muted" data-testid="review-gh-problem">
          {ghProblem}
        </span>
      )}
      {action.status === 'failed' && (
        <span role="alert" className="fl-review-error" data-testid="review-pull-request-error">
          {action.error.message}
        </span>
      )}
    </>
  );
}

/** A pull request in a line: its link, state and checks. */
export function PullRequestSummary({ pullRequest }: { pullRequest: PullRequest }) {
  return (
    <>
      {/* Opened outside the app: the desktop window hands https links in new windows to the browser. */}
      <a href={pullRequest.url} target="_blank" rel="noreferrer noopener" data-testid="pull-request-link">
        Pull request #{pullRequest.number}
      </a>
      <span data-testid="pull-request-state">{describePullRequestState(pullRequest)}</span>
      <span data-testid="pull-request-checks">checks: {describeChecks(pullRequest.checks)}</span>
    </>
  );
}

/**
 * The task's pull request in the task header, asked for again every 30 s while the task's view shows it open (and
 * once when the view opens).
 */
export function PullRequestFact({ taskId }: { taskId: string }) {
  const pullRequest = useStore((state) => state.tasks[taskId]?.pullRequest ?? null);
  const refresh = useStore((state) => state.refreshPullRequest);
  const open = pullRequest?.state === 'open';
  useEffect(() => {
    if (!open) return;
    void refresh(taskId);
    const timer = setInterval(() => void refresh(taskId), pullRequestRefreshMs);
    return () => clearInterval(timer);
  }, [taskId, open, refresh]);
  if (!pullRequest) return null;
  return (
    <span className="fact fl-review-push-status" data-testid="task-pull-request">
      <span className="fact-label">pull request</span>
      <PullRequestSummary pullRequest={pullRequest} />
    </span>
  );
}
