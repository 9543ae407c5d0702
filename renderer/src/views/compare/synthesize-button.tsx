import type { Ranking } from '../../../../shared/ranking.js';
import { groupActionsOf } from '../../store/compare-slice.js';
import { useStore } from '../../store/store.js';

/** Why Synthesize is off, or null when it can start. */
function synthesizeBlocker(ranking: Ranking | null, hasSynthesis: boolean, merged: boolean, stopped: boolean) {
  if (hasSynthesis) return 'This group has its synthesis; follow it up with a message instead.';
  if (merged) return 'An attempt was picked and merged already.';
  if (stopped) return "The group's budget was reached.";
  if (ranking?.state !== 'ranked') return 'Synthesize once the attempts are ranked.';
  return null;
}

/**
 * Synthesize (group/synthesize): one more task from the group's base that combines the best of the ranked attempts;
 * it joins the group, shows as "Synthesis" and is ranked with the others once checked.
 */
export function SynthesizeButton({
  groupId,
  taskId,
  ranking,
  stopped,
}: {
  groupId: string;
  taskId: string;
  ranking: Ranking | null;
  stopped: boolean;
}) {
  const action = useStore((state) => groupActionsOf(state.groupActions, groupId).synthesize);
  const synthesizeGroup = useStore((state) => state.synthesizeGroup);
  const hasSynthesis = useStore((state) =>
    Object.values(state.tasks).some((task) => task.groupId === groupId && task.groupRole === 'synthesis'),
  );
  const merged = useStore((state) =>
    Object.values(state.tasks).some((task) => task.groupId === groupId && task.status === 'merged'),
  );
  const blocker = synthesizeBlocker(ranking, hasSynthesis, merged, stopped);
  const busy = action.status === 'busy';
  return (
    <>
      <button
        type="button"
        className="button small"
        data-testid="compare-synthesize"
        disabled={blocker !== null || busy}
        title={
          blocker ??
          'Start one more attempt from the same base, given the ranked attempts and the judge’s notes, that takes the best of each'
        }
        onClick={() => void synthesizeGroup(groupId, taskId)}
      >
        {busy ? 'Starting the synthesis…' : 'Synthesize'}
      </button>
      {action.status === 'failed' && (
        <p className="error-text compare-row-error" role="alert" data-testid="compare-synthesize-error">
          {action.error.message}
        </p>
      )}
    </>
  );
}
