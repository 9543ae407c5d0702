import { useState } from 'react';
import { isActive } from '../../../shared/task.js';
import { useStore } from '../store/store.js';
import { bringInBaseNote } from './bring-in-base-views.js';
import { selectReviewTask, type BringInBaseState } from './review-state.js';

/**
 * A banner over the diff when the task's base branch moved on since the task branched off: how
 * many commits, and a button to bring them in (task/bringInBase; conflicts go to the agent), then
 * how that went.
 */
export function BaseBehindBanner({ taskId }: { taskId: string }) {
  const behind = useStore((state) => state.reviews[taskId]?.diff?.behind ?? 0);
  const bringIn = useStore((state) => state.reviews[taskId]?.bringInBase ?? null);
  const bringInBase = useStore((state) => state.bringInBase);
  const task = useStore(selectReviewTask(taskId));
  // The outcome is said here only for a bringing-in started here (the merge dialog says its own).
  const [started, setStarted] = useState(false);
  if (!task?.baseBranch || task.status === 'merged' || task.status === 'discarded') return null;
  const outcome = started && bringIn && bringIn.status !== 'idle' ? bringIn : null;
  if (behind === 0 && !outcome) return null;
  const base = task.baseBranch;
  const busy = bringIn?.status === 'busy';
  const commits = `${behind} new commit${behind === 1 ? '' : 's'}`;
  return (
    <div className="fl-review-banner fl-review-behind" data-testid="base-behind">
      {behind > 0 && (
        <span>
          <strong>{base}</strong> has {commits} this task does not have yet.
          {isActive(task.status)
            ? ' Bring them in once the agent’s turn ends.'
            : ' Bring them in to review and test the task against them.'}
        </span>
      )}
      {behind > 0 && !isActive(task.status) && (
        <button
          type="button"
          disabled={busy}
          data-testid="base-behind-bring-in"
          title={`Merges ${base} into the task branch; if files conflict, the agent is asked to resolve them.`}
          onClick={() => {
            setStarted(true);
            void bringInBase(taskId, { byHand: false });
          }}
        >
          {busy ? `Bringing in ${base}…` : `Bring in ${base}`}
        </button>
      )}
      {outcome && <BringInBaseResult state={outcome} base={base} agentWorking={isActive(task.status)} />}
    </div>
  );
}

/** How bringing in the base went; the agent's part is said only while it is at work. */
function BringInBaseResult({
  state,
  base,
  agentWorking,
}: {
  state: BringInBaseState;
  base: string;
  agentWorking: boolean;
}) {
  if (state.status === 'failed') return <span role="alert">{state.error.message}</span>;
  if (state.status !== 'done') return null;
  const note = bringInBaseNote({ ...state, base: state.base ?? base });
  if (note) return <span role="status">{note}</span>;
  const files = state.conflicts.join(', ');
  if (state.byHand)
    return (
      <span role="status">{`Brought in ${state.base ?? base}; resolve the conflict markers in ${files}, then merge.`}</span>
    );
  return agentWorking ? (
    <span role="status">{`Brought in ${state.base ?? base}; the agent is resolving the conflicts in ${files}.`}</span>
  ) : null;
}
