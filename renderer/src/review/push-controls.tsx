import { isActive, type Task } from '../../../shared/task.js';
import { useStore } from '../store/store.js';
import { idleAction, selectReviewTask } from './review-state.js';

/** Why the push button is disabled, as its tooltip says; null when the task can be pushed. */
export function pushBlocked(task: Task | null): string | null {
  if (!task) return 'The task is still loading.';
  if (isActive(task.status)) return 'Wait for the agent to finish its turn (or stop it), then push.';
  if (task.status === 'merged') return 'This task is merged already.';
  if (task.status === 'discarded') return 'Restore the task to push it.';
  return null;
}

/** The "Push" button ("Push again" once pushed, "Pushing…" while it runs). */
export function PushButton({ taskId }: { taskId: string }) {
  const task = useStore(selectReviewTask(taskId));
  const push = useStore((state) => state.reviews[taskId]?.push ?? idleAction);
  const pushTask = useStore((state) => state.pushTask);
  const blocked = pushBlocked(task);
  const busy = push.status === 'busy';
  const label = busy ? 'Pushing…' : task?.pushed ? 'Push again' : 'Push';
  return (
    <button
      type="button"
      onClick={() => void pushTask(taskId)}
      disabled={blocked !== null || busy}
      title={blocked ?? `Push ${task?.branch ?? 'the task branch'} to its remote; it is never force-pushed.`}
      data-testid="review-push"
    >
      {label}
    </button>
  );
}

/** Where the task branch was last pushed, with a link to open a pull request; or why the push failed, verbatim. */
export function PushStatus({ taskId }: { taskId: string }) {
  const pushed = useStore((state) => selectReviewTask(taskId)(state)?.pushed ?? null);
  // Once the pull request is open its own link replaces the page that would open one.
  const hasPullRequest = useStore((state) => selectReviewTask(taskId)(state)?.pullRequest != null);
  const push = useStore((state) => state.reviews[taskId]?.push ?? idleAction);
  return (
    <>
      {pushed && (
        <span
          role="status"
          className="fl-review-push-status fl-review-muted"
          title={`At ${pushed.commit.slice(0, 10)}`}
        >
          <span data-testid="review-pushed">
            Pushed <code>{pushed.branch}</code> to {pushed.remote}
          </span>
          {pushed.pullRequestUrl && !hasPullRequest && (
            // Opened outside the app: the desktop window hands https links in new windows to the browser.
            <a href={pushed.pullRequestUrl} target="_blank" rel="noreferrer noopener" data-testid="review-pull-request">
              Open pull request
            </a>
          )}
        </span>
      )}
      {push.status === 'failed' && (
        <span role="alert" className="fl-review-error" data-testid="review-push-error">
          {push.error.message}
        </span>
      )}
    </>
  );
}
