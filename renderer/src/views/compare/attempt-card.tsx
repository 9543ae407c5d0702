import type { JudgedAttempt } from '../../../../shared/ranking.js';
import type { Task } from '../../../../shared/task.js';
import { describeVerify, verifyLabel, verifyState } from '../../../../shared/verify.js';
import { Counts } from '../../components/counts.js';
import { formatTokens } from '../../components/format.js';
import { StatusBadge } from '../../components/status-badge.js';
import { WorkingTime } from '../../components/working-time.js';
import { useStore } from '../../store/store.js';
import { formatUsd } from './compare-model.js';

/** Props of one attempt's column in the compare view. */
export interface AttemptCardProps {
  taskId: string;
  entry: JudgedAttempt | null;
  /** Whether this attempt is the one Pick would merge. */
  chosen: boolean;
  /** Why it cannot be picked, or null. */
  pickBlocker: string | null;
  onChoose(): void;
}

/**
 * One attempt side by side with the others: rank and score, agent and model, status and checks, lines changed,
 * tokens, cost and time, the judge's verdict, strengths and risks; its diff and thread one click away.
 */
export function AttemptCard({ taskId, entry, chosen, pickBlocker, onChoose }: AttemptCardProps) {
  const task = useStore((state) => state.tasks[taskId]);
  const agentName = useStore((state) => {
    const agent = task?.agent;
    return state.agents.find((candidate) => candidate.id === agent)?.name ?? agent ?? '';
  });
  const selectTask = useStore((state) => state.selectTask);
  const setTaskTab = useStore((state) => state.setTaskTab);
  if (!task) return null;
  const open = (tab: 'thread' | 'review') => {
    setTaskTab(tab);
    selectTask(task.id);
  };
  const synthesis = task.groupRole === 'synthesis';
  return (
    <li
      className={`compare-card${chosen ? ' chosen' : ''}${task.status === 'discarded' ? ' discarded' : ''}`}
      data-testid="compare-attempt"
      data-task-id={task.id}
      data-rank={entry?.rank ?? ''}
      aria-label={`${synthesis ? 'Synthesis' : 'Attempt'} ${task.id}`}
    >
      <div className="compare-card-top">
        <span className="compare-rank" data-testid="compare-rank" title={entry ? `Score ${entry.score} of 10` : ''}>
          {entry ? `#${entry.rank}` : '—'}
        </span>
        {entry && (
          <span className="compare-score" data-testid="compare-score">
            {entry.score}/10
          </span>
        )}
        {synthesis && (
          <span className="badge accent" data-testid="compare-synthesis">
            Synthesis
          </span>
        )}
        <span className="spacer" />
        <label className="compare-choose" title={pickBlocker ?? 'Pick merges this attempt'}>
          <input
            type="radio"
            name="compare-pick"
            checked={chosen}
            disabled={pickBlocker !== null}
            onChange={onChoose}
            aria-label={`Choose ${task.id} to pick`}
          />
          Pick
        </label>
      </div>
      <div className="compare-agent">
        <strong>{agentName}</strong> <code className="compare-id">{task.id}</code>
      </div>
      {task.model && (
        <div className="compare-model" title={task.model} data-testid="compare-model">
          {task.model}
        </div>
      )}
      <StatusBadge task={{ status: task.status, phase: task.phase, changes: task.changes }} />
      <VerifyFact task={task} />
      <AttemptFacts task={task} />
      {entry && <Judgement entry={entry} />}
      <div className="compare-card-actions">
        <button type="button" className="button small" data-testid="compare-open-diff" onClick={() => open('review')}>
          Open diff
        </button>
        <button type="button" className="button ghost small" onClick={() => open('thread')}>
          Thread
        </button>
        <RestoreButton task={task} />
      </div>
    </li>
  );
}

function VerifyFact({ task }: { task: Task }) {
  const state = verifyState(task);
  const label = verifyLabel(state) || 'No checks ran';
  const tone = state === 'passed' ? 'ok' : state === 'failed' ? 'bad' : 'muted';
  return (
    <span className={`compare-verify ${tone}`} data-testid="compare-verify" data-verify={state}>
      {label}
      {task.lastVerify && state !== 'running' && <span className="muted"> — {describeVerify(task.lastVerify)}</span>}
    </span>
  );
}

function AttemptFacts({ task }: { task: Task }) {
  const { usage, changes } = task;
  const tokens = usage.inputTokens + usage.outputTokens;
  return (
    <dl className="compare-facts">
      <dt>Lines</dt>
      <dd data-testid="compare-lines">
        {changes ? (
          <>
            <Counts additions={changes.additions} deletions={changes.deletions} />{' '}
            <span className="muted">
              in {changes.files} {changes.files === 1 ? 'file' : 'files'}
            </span>
          </>
        ) : (
          <span className="muted">not counted yet</span>
        )}
      </dd>
      <dt>Tokens</dt>
      <dd data-testid="compare-tokens" title={`${usage.inputTokens} in, ${usage.outputTokens} out`}>
        {formatTokens(tokens)}
      </dd>
      <dt>Cost</dt>
      <dd data-testid="compare-cost">{formatUsd(usage.costUsd)}</dd>
      <dt>Time</dt>
      <dd>
        <WorkingTime
          workMs={task.workMs}
          turnStartedAt={task.turnStartedAt}
          createdAt={task.createdAt}
          className=""
          testId="compare-time"
        />
        {task.workMs === 0 && task.turnStartedAt === null && <span className="muted">—</span>}
      </dd>
    </dl>
  );
}

function Judgement({ entry }: { entry: JudgedAttempt }) {
  return (
    <div className="compare-judgement">
      <p className="compare-verdict" data-testid="compare-verdict">
        {entry.verdict}
      </p>
      {entry.strengths.length > 0 && (
        <ul className="compare-list strengths" aria-label="Strengths" data-testid="compare-strengths">
          {entry.strengths.map((strength, index) => (
            <li key={index}>{strength}</li>
          ))}
        </ul>
      )}
      {entry.risks.length > 0 && (
        <ul className="compare-list risks" aria-label="Risks" data-testid="compare-risks">
          {entry.risks.map((risk, index) => (
            <li key={index}>{risk}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** On a discarded attempt: its work is archived; Restore brings it back. */
function RestoreButton({ task }: { task: Task }) {
  const restoreTask = useStore((state) => state.restoreTask);
  const restoring = useStore((state) => state.reviews[task.id]?.restore.status === 'busy');
  const error = useStore((state) => {
    const restore = state.reviews[task.id]?.restore;
    return restore?.status === 'failed' ? restore.error.message : null;
  });
  if (task.status !== 'discarded') return null;
  return (
    <>
      <button
        type="button"
        className="button ghost small"
        data-testid="compare-restore"
        title="Its work was archived when it was discarded: bring its worktree and branch back"
        disabled={restoring}
        onClick={() => void restoreTask(task.id)}
      >
        {restoring ? 'Restoring…' : 'Restore'}
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
