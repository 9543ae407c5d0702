import { useState } from 'react';
import { unverifiedWhy, verifyState } from '../../../../shared/verify.js';
import { groupActionsOf, type GroupActions } from '../../store/compare-slice.js';
import { useStore } from '../../store/store.js';

/** Props of the pick bar: the group, the attempt chosen (the judge's winner until the person chooses), the others. */
export interface PickBarProps {
  groupId: string;
  chosenId: string | null;
  /** Why the chosen attempt cannot be picked, or null. */
  blocker: string | null;
  /** The other attempts Pick would discard (neither merged nor discarded). */
  otherIds: readonly string[];
}

/**
 * Pick: merges the chosen attempt into its base and discards (archives, restorably) the others, after one
 * confirmation. A repository that requires passing checks refuses unverified work: the bar says why and offers to
 * merge anyway. Afterwards it says what was merged and what was archived.
 */
export function PickBar({ groupId, chosenId, blocker, otherIds }: PickBarProps) {
  const pick = useStore((state) => groupActionsOf(state.groupActions, groupId).pick);
  const check = useStore((state) => groupActionsOf(state.groupActions, groupId).check);
  const pickAttempt = useStore((state) => state.pickAttempt);
  const checkAttempt = useStore((state) => state.checkAttempt);
  const resetPick = useStore((state) => state.resetPick);
  const into = useStore((state) => {
    const task = chosenId ? state.tasks[chosenId] : undefined;
    return task ? (task.baseBranch ?? task.baseRef) : '';
  });
  // The engine's refusal names CLI commands; the window says it in its own words, next to its buttons.
  const refusal = useStore((state) => {
    const task = chosenId ? state.tasks[chosenId] : undefined;
    return task ? `${unverifiedWhy(verifyState(task), task.lastVerify)} Run the checks, or merge anyway.` : null;
  });
  const [confirming, setConfirming] = useState(false);

  if (pick.status === 'done') {
    const { task, commit, discarded } = pick.result;
    return (
      <div className="compare-pick done" role="status" data-testid="compare-pick-result">
        Merged <code>{task.id}</code> into <code>{pick.result.into}</code> as <code>{commit.slice(0, 10)}</code>.
        {discarded.length > 0
          ? ` Archived ${discarded.join(', ')}: each can be restored from its card or the discarded tasks.`
          : ''}
      </div>
    );
  }
  const error = pick.status === 'failed' ? pick.error : null;
  const busy = pick.status === 'busy';
  const count = otherIds.length;
  const others = count === 0 ? '' : ` and archive the other ${count === 1 ? 'attempt' : `${count} attempts`}`;
  const run = (forceUnverified: boolean) => {
    if (!chosenId) return;
    setConfirming(false);
    void pickAttempt(groupId, chosenId, { forceUnverified });
  };
  return (
    <div className="compare-pick" data-testid="compare-pick">
      {blocker && <span className="hint">{blocker}</span>}
      <CheckState check={check} />
      {!blocker && chosenId && !confirming && !error && (
        <button
          type="button"
          className="button primary"
          data-testid="compare-pick-button"
          disabled={busy || check.status === 'busy'}
          onClick={() => setConfirming(true)}
        >
          {busy ? 'Picking…' : `Pick ${chosenId} and merge…`}
        </button>
      )}
      {confirming && chosenId && (
        <div className="compare-pick-confirm" data-testid="compare-pick-confirm">
          <p>
            Merge <code>{chosenId}</code> into <code>{into}</code>
            {others}? Their worktrees are removed and their branches deleted; their work is archived under{' '}
            <code>refs/flotilla/archive/&lt;task&gt;</code>, so any of them can be restored.
          </p>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="button primary"
            data-testid="compare-pick-confirm-button"
            onClick={() => run(false)}
          >
            Merge{count > 0 ? ' and archive the others' : ''}
          </button>
        </div>
      )}
      {error && (
        <div className="compare-pick-confirm" role="alert" data-testid="compare-pick-error" data-code={error.code}>
          <p className="error-text">{error.code === 'unverified' && refusal ? refusal : error.message}</p>
          <button type="button" className="button" onClick={() => resetPick(groupId)}>
            {error.code === 'unverified' ? 'Cancel' : 'Dismiss'}
          </button>
          {error.code === 'unverified' && chosenId && (
            <button
              type="button"
              className="button"
              data-testid="compare-pick-check"
              onClick={() => void checkAttempt(groupId, chosenId)}
            >
              Run the checks
            </button>
          )}
          {error.code === 'unverified' && (
            <button
              type="button"
              className="button danger"
              data-testid="compare-pick-force"
              disabled={busy}
              onClick={() => run(true)}
            >
              Merge anyway, unverified
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** Where checks run from the refusal stand: running, passed or failed (then Pick again), or why they could not run. */
function CheckState({ check }: { check: GroupActions['check'] }) {
  switch (check.status) {
    case 'idle':
      return null;
    case 'busy':
      return (
        <span className="hint" data-testid="compare-check-state">
          <span className="spinner" aria-hidden="true" /> Running the checks…
        </span>
      );
    case 'done':
      return (
        <span className={check.result.passed ? 'hint ok' : 'hint bad'} data-testid="compare-check-state">
          {check.result.passed
            ? `The checks of ${check.result.taskId} passed.`
            : `The checks of ${check.result.taskId} failed: see its card, or merge it anyway.`}
        </span>
      );
    case 'failed':
      return (
        <span className="error-text" role="alert" data-testid="compare-check-state">
          {check.error.message}
        </span>
      );
    default: {
      const unreachable: never = check;
      return unreachable;
    }
  }
}
