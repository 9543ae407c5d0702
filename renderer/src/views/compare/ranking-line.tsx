import type { ReactNode } from 'react';
import type { Ranking } from '../../../../shared/ranking.js';
import { formatTokens } from '../../components/format.js';
import { groupActionsOf } from '../../store/compare-slice.js';
import { useStore } from '../../store/store.js';
import { formatUsd, rankingStatus } from './compare-model.js';

/**
 * The ranking's status line: "Judging…", "Ranked by <model>", or "Ranked by the rule: … (why: …)", with the judge's
 * own tokens and cost apart, and Judge / Judge again (group/judge). A refusal or failure says what to do.
 */
export function RankingLine({
  groupId,
  taskId,
  ranking,
  stopped,
  children,
}: {
  groupId: string;
  taskId: string;
  ranking: Ranking | null;
  /** The group's budget stopped it: no judge runs, so Settings would not help. */
  stopped: boolean;
  /** More actions on the ranking (Synthesize), after Judge. */
  children?: ReactNode;
}) {
  const judge = useStore((state) => groupActionsOf(state.groupActions, groupId).judge);
  const judgeGroup = useStore((state) => state.judgeGroup);
  const showView = useStore((state) => state.showView);
  const status = rankingStatus(ranking);
  const judging = status.kind === 'judging' || judge.status === 'busy';
  const judgeTokens = ranking
    ? ranking.usage.inputTokens + ranking.usage.outputTokens + ranking.usage.cacheReadTokens
    : 0;
  return (
    <div className="compare-ranking" data-testid="compare-ranking" data-state={judging ? 'judging' : status.kind}>
      <div className="compare-ranking-row">
        {judging && <span className="spinner" aria-hidden="true" />}
        <strong data-testid="compare-ranking-status">
          {judging && status.kind !== 'judging' ? 'Judging…' : status.text}
        </strong>
        <button
          type="button"
          className="button small"
          data-testid="compare-judge"
          disabled={judging}
          title="Rank the attempts again now: with the judge model set in Settings, or by the rule without one"
          onClick={() => void judgeGroup(groupId, taskId)}
        >
          {ranking?.state === 'ranked' ? 'Judge again' : 'Judge'}
        </button>
        {children}
      </div>
      {!judging && status.kind === 'rule' && (
        <p className="compare-why" data-testid="compare-ranking-why">
          Why: {status.why}
          {!stopped && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => showView('settings')}>
                Choose a judge model in Settings
              </button>
            </>
          )}
        </p>
      )}
      {!judging && status.kind === 'judge' && status.note && (
        <p className="compare-why" data-testid="compare-ranking-note">
          {status.note}
        </p>
      )}
      {ranking && judgeTokens > 0 && (
        <p className="hint" data-testid="compare-judge-cost">
          The judge&apos;s own use: {formatTokens(judgeTokens)} tokens, {formatUsd(ranking.usage.costUsd)} (not in any
          attempt&apos;s cost)
        </p>
      )}
      {judge.status === 'failed' && (
        <p className="error-text" role="alert" data-testid="compare-judge-error">
          {judge.error.code === 'judgeUnavailable' ? 'No judge model can be used: ' : 'Judging failed: '}
          {judge.error.message}
          {judge.error.code === 'judgeUnavailable' && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => showView('settings')}>
                Open Settings
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
