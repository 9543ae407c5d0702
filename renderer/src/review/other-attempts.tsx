import { useState } from 'react';
import { useShallow } from '../store/use-shallow.js';
import { leftoverAttempts, otherAttemptMergedText } from '../../../shared/sibling-attempts.js';
import { describeChanges, isActive, type Task } from '../../../shared/task.js';
import type { RootState } from '../store/store.js';
import { useStore } from '../store/store.js';
import { selectReviewTask } from './review-state.js';

/** Every task as last known: the streamed copy, or the review's own when that is newer (a discard just answered). */
function newestTasks(state: RootState): Task[] {
  return Object.keys(state.tasks).map((id) => selectReviewTask(id)(state)!);
}

/** The ids of a merged task's other attempts still around (neither merged nor discarded). */
function selectLeftoverIds(taskId: string): (state: RootState) => string[] {
  return (state) => {
    const task = selectReviewTask(taskId)(state);
    return task ? leftoverAttempts(task, newestTasks(state)).map((other) => other.id) : [];
  };
}

/**
 * Under a merged task (its review, and the merge dialog's result): the other attempts of the same
 * prompt that were not merged, with "Discard the other attempts…". That asks once, saying what each
 * one's unmerged work is and that it is archived and restorable (running ones are stopped first),
 * then discards them one by one and says which failed. Renders nothing when there are none.
 */
export function OtherAttempts({ taskId }: { taskId: string }) {
  const ids = useStore(useShallow(selectLeftoverIds(taskId)));
  const attempts = useStore(useShallow((state) => ids.map((id) => selectReviewTask(id)(state)!)));
  const discardTask = useStore((state) => state.discardTask);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<string[]>([]);
  if (attempts.length === 0 && failures.length === 0) return null;

  const discardAll = async () => {
    setBusy(true);
    const failed: string[] = [];
    for (const attempt of attempts) {
      await discardTask(attempt.id);
      const outcome = useStore.getState().reviews[attempt.id]?.discard;
      if (outcome?.status === 'failed') failed.push(`${attempt.id}: ${outcome.error.message}`);
    }
    setFailures(failed);
    setBusy(false);
    setConfirming(false);
  };

  const count = attempts.length;
  const noun = count === 1 ? 'attempt' : 'attempts';
  return (
    <div className="fl-review-banner fl-other-attempts" role="status" data-testid="other-attempts">
      <span>
        {count === 1 ? 'The other attempt' : `${count} other attempts`} of this prompt {count === 1 ? 'was' : 'were'}{' '}
        not merged:
      </span>
      <ul className="fl-other-attempts-list">
        {attempts.map((attempt) => (
          <li key={attempt.id} data-testid="other-attempt">
            <code>{attempt.id}</code> {attempt.agent},{' '}
            {attempt.changes ? describeChanges(attempt.changes) : 'no changes counted'}
            {isActive(attempt.status) ? ' (still working; it is stopped first)' : ''}
          </li>
        ))}
      </ul>
      {confirming ? (
        <div className="fl-other-attempts-confirm" data-testid="other-attempts-confirm">
          <p>
            Their work is not in the merge. Each one&apos;s worktree is removed and its branch deleted; commits, staged
            and uncommitted changes are archived under <code>refs/flotilla/archive/&lt;task&gt;</code>, so any of them
            can be restored from the discarded tasks. Ignored files (such as node_modules and .env) are not archived.
          </p>
          <button
            type="button"
            onClick={() => setConfirming(false)}
            disabled={busy}
            aria-label="Keep the other attempts"
          >
            Cancel
          </button>
          <button
            type="button"
            className="fl-review-danger"
            onClick={() => void discardAll()}
            disabled={busy}
            data-testid="other-attempts-discard-confirm"
          >
            {busy ? 'Discarding…' : `Discard ${count} ${noun}`}
          </button>
        </div>
      ) : (
        count > 0 && (
          <button
            type="button"
            className="fl-review-danger"
            onClick={() => setConfirming(true)}
            data-testid="other-attempts-discard"
          >
            Discard the other {noun}…
          </button>
        )
      )}
      {failures.length > 0 && (
        <p role="alert" className="fl-review-error" data-testid="other-attempts-error">
          Not discarded: {failures.join('; ')}
        </p>
      )}
    </div>
  );
}

/** Over a left-over attempt's review: which attempt was merged instead; Discard… in the toolbar archives this one. */
export function SiblingMergedBanner({ taskId }: { taskId: string }) {
  const text = useStore((state) => {
    const task = selectReviewTask(taskId)(state);
    return task ? otherAttemptMergedText(task) : null;
  });
  if (!text) return null;
  return (
    <div className="fl-review-banner" role="status" data-testid="review-sibling-merged">
      {text} Its work stays on its branch; Discard… archives it (restorable).
    </div>
  );
}
