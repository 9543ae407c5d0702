import { useRef, useState } from 'react';
import { useShallow } from '../../store/use-shallow.js';
import { groupRanking, groupSpent } from '../../../../shared/group.js';
import type { Ranking } from '../../../../shared/ranking.js';
import type { Task } from '../../../../shared/task.js';
import { useStore } from '../../store/store.js';
import type { RootState } from '../../store/store.js';
import { AttemptCard } from './attempt-card.js';
import { compareColumns, groupTaskIds, noChoiceReason, pickBlocker, spentLine } from './compare-model.js';
import { PickBar } from './pick-bar.js';
import { RankingLine } from './ranking-line.js';
import { SynthesizeButton } from './synthesize-button.js';
import './compare.css';

function membersOf(state: RootState, ids: readonly string[]): Task[] {
  return ids.flatMap((id) => {
    const task = state.tasks[id];
    return task ? [task] : [];
  });
}

/**
 * A group of attempts side by side, live from the engine's events: the ranking and why, what the group spent (the
 * judge's share apart), a budget stop, each attempt's facts and the judge's reasons, Synthesize, and Pick (the
 * judge's winner preselected) which merges one and archives the rest.
 */
export function CompareView({ groupId }: { groupId: string }) {
  const ids = useStore(useShallow((state) => groupTaskIds(state.tasks, groupId)));
  const ranking = useStore((state) => groupRanking(membersOf(state, ids)));
  const spent = useStore(useShallow((state) => groupSpent(membersOf(state, ids), ranking)));
  const prompt = useStore((state) => (ids[0] ? (state.tasks[ids[0]]?.prompt ?? '') : ''));
  const stoppedBy = useStore((state) => membersOf(state, ids).find((task) => task.groupStoppedBy)?.groupStoppedBy);
  const blockers = useStore(useShallow((state) => pickBlockers(membersOf(state, ids))));
  const mergedId = useStore((state) => membersOf(state, ids).find((task) => task.status === 'merged')?.id ?? null);
  const open = useStore(useShallow((state) => openIds(membersOf(state, ids))));
  const synthesisCount = useStore(
    (state) => membersOf(state, ids).filter((task) => task.groupRole === 'synthesis').length,
  );
  const shown = useShownRanking(ranking);
  const [choice, setChoice] = useState<string | null>(null);

  const first = ids[0];
  if (!first) return <div className="empty-state">This group has no tasks any more.</div>;
  const columns = compareColumns(ids, shown);
  const stale = shown !== ranking;
  const winnerId = ranking?.state === 'ranked' ? (ranking.entries[0]?.taskId ?? null) : null;
  const preselected = winnerId && blockers[winnerId] === null ? winnerId : null;
  const chosenId = choice ?? preselected;
  const synthesized = synthesisCount > 0;
  const attempts = ids.length - synthesisCount;
  return (
    <section className="compare-view" aria-label="Compare attempts" data-testid="compare-view" data-group-id={groupId}>
      <header className="view-header compare-header">
        <h1>Compare attempts</h1>
        <span className="hint" data-testid="compare-count">
          {countText(attempts, synthesized)}
        </span>
        <p className="compare-prompt" title={prompt}>
          {prompt}
        </p>
      </header>
      <div className="compare-summary">
        <RankingLine groupId={groupId} taskId={first} ranking={ranking} stopped={Boolean(stoppedBy)}>
          <SynthesizeButton groupId={groupId} taskId={first} ranking={ranking} stopped={Boolean(stoppedBy)} />
        </RankingLine>
        <p className="compare-spent" data-testid="compare-spent">
          {spentLine(spent)}
        </p>
        {stoppedBy && (
          <p className="banner warn compare-stopped" role="status" data-testid="compare-stopped">
            The group&apos;s budget stopped it: {stoppedBy}
          </p>
        )}
        <PickBar
          groupId={groupId}
          chosenId={chosenId}
          blocker={chosenId ? (blockers[chosenId] ?? null) : noChoiceReason(blockers, mergedId, winnerId)}
          otherIds={open.filter((id) => id !== chosenId)}
        />
      </div>
      <ul className={`compare-grid${stale ? ' stale' : ''}`} data-testid="compare-grid" data-stale={stale || undefined}>
        {columns.map(({ taskId, entry }) => (
          <AttemptCard
            key={taskId}
            taskId={taskId}
            entry={entry}
            chosen={chosenId === taskId}
            pickBlocker={blockers[taskId] ?? null}
            onChoose={() => setChoice(taskId)}
          />
        ))}
      </ul>
    </section>
  );
}

/** "3 attempts and a synthesis of them", "2 attempts". */
function countText(attempts: number, synthesized: boolean): string {
  const noun = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  return synthesized ? `${noun} and a synthesis of them` : `${noun} of one prompt`;
}

/**
 * The ranking the cards are laid out by: the group's, or while the judge ranks again, the last one this view showed
 * (so the cards keep their places until the new answer).
 */
function useShownRanking(ranking: Ranking | null): Ranking | null {
  const last = useRef<Ranking | null>(null);
  if (ranking?.state === 'ranked') last.current = ranking;
  return ranking?.state === 'judging' && last.current ? last.current : ranking;
}

/** Why each member cannot be picked (null when it can), by id. */
function pickBlockers(members: readonly Task[]): Record<string, string | null> {
  const merged = members.find((task) => task.status === 'merged') ?? null;
  return Object.fromEntries(members.map((task) => [task.id, pickBlocker(task, merged)]));
}

/** The members Pick would discard if another one were picked: neither merged nor discarded. */
function openIds(members: readonly Task[]): string[] {
  return members.filter((task) => task.status !== 'merged' && task.status !== 'discarded').map((task) => task.id);
}
