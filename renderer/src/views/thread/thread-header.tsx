import { useState } from 'react';
import { otherAttemptMerged } from '../../../../shared/sibling-attempts.js';
import { isActive } from '../../../../shared/task.js';
import { AutomationLabel } from '../../components/automation-label.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorText } from '../../components/error-text.js';
import { OverlapBadge } from '../../components/overlap-badge.js';
import { overlapView } from '../../components/overlap-view.js';
import { formatCost, formatTokens } from '../../components/format.js';
import { StatusBadge } from '../../components/status-badge.js';
import { VerifyBadge } from '../../components/verify-badge.js';
import { retriesFor, verifyView } from '../../components/verify-status.js';
import { WorkingTime } from '../../components/working-time.js';
import { PullRequestFact } from '../../review/pull-request-controls.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { CompareButton } from '../compare/compare-button.js';
import { InboxBar } from '../inbox/inbox-bar.js';
import { BudgetFact } from './budget-fact.js';
import { OpenButtons } from './open-buttons.js';
import { RunChecksButton } from './run-checks.js';

/**
 * A task's header: title, status and checks, overlaps with other tasks, the automation that started it, branch,
 * worktree path, tokens, cost and budget, sandbox warning, Run checks, Run again and Stop.
 */
export function ThreadHeader({ taskId }: { taskId: string }) {
  const task = useStore((state) => state.tasks[taskId]);
  const stopTask = useStore((state) => state.stopTask);
  const runAgain = useStore((state) => state.runAgain);
  const repoRetries = useStore(
    (state) => state.repos.find((repo) => repo.id === state.tasks[taskId]?.repoId)?.settings.verifyRetries,
  );
  const live = task ? isActive(task.status) : false;
  const [stopping, setStopping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!task) return null;
  const stop = async () => {
    setStopping(true);
    setError(null);
    try {
      await stopTask(task.id);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setStopping(false);
    }
  };
  const tokens = task.usage.inputTokens + task.usage.outputTokens;
  const cost = formatCost(task.usage.costUsd);
  const verify = verifyView(task, retriesFor(task, repoRetries));
  return (
    <header className="thread-header" data-testid="thread-header">
      <div className="thread-title-row">
        <h1 className="thread-title" title={task.prompt}>
          {task.title}
        </h1>
        <StatusBadge
          task={{
            status: task.status,
            phase: task.phase,
            changes: task.changes,
            otherAttemptMerged: otherAttemptMerged(task),
          }}
        />
        {verify && <VerifyBadge view={verify} className="status" />}
        <OverlapBadge view={overlapView(task.overlaps)} className="badge" />
        {task.sandbox === 'none' && (
          <span
            className="badge warn"
            data-testid="unsandboxed-label"
            title="The agent's commands run without a sandbox: they can reach your whole machine."
          >
            unsandboxed
          </span>
        )}
        {task.automation && (
          <AutomationLabel name={task.automation.name} reason={task.automation.reason} className="badge" />
        )}
        <span className="thread-actions">
          <RunChecksButton taskId={task.id} onError={setError} />
          <button
            type="button"
            className="button ghost"
            data-testid="run-again"
            title="Start a new task with this prompt and these settings: another try, or another agent"
            onClick={() => runAgain(task)}
          >
            Run again…
          </button>
          <CompareButton taskId={task.id} />
          {live && (
            <button
              type="button"
              className="button danger"
              data-testid="stop-task"
              aria-label="Stop the task"
              disabled={stopping}
              onClick={() => void stop()}
            >
              {stopping ? 'Stopping…' : 'Stop'}
            </button>
          )}
        </span>
      </div>
      <div className="thread-facts">
        <span className="fact" title="Branch">
          <span className="fact-label">branch</span> <code data-testid="task-branch">{task.branch}</code>
          <CopyButton text={task.branch} label="Copy branch name" />
          <span
            className="fact-muted"
            data-testid="task-base"
            title={`Started from ${task.baseRef} at ${task.baseCommit.slice(0, 10)}`}
          >
            from {task.baseRef}
          </span>
        </span>
        {task.hasWorktree && (
          <span className="fact path-fact" title={task.worktreePath}>
            <span className="fact-label">worktree</span> <code data-testid="task-worktree">{task.worktreePath}</code>
            <CopyButton text={task.worktreePath} label="Copy worktree path" />
            <OpenButtons path={task.worktreePath} />
          </span>
        )}
        <span className="fact">
          <span className="fact-label">agent</span> {task.agent}
          {task.model ? ` · ${task.model}` : ''}
        </span>
        <WorkingTime
          workMs={task.workMs}
          turnStartedAt={task.turnStartedAt}
          createdAt={task.createdAt}
          className="fact"
          testId="task-elapsed"
        />
        {tokens > 0 && (
          <span
            className="fact"
            data-testid="task-tokens"
            title={`${task.usage.inputTokens} in, ${task.usage.outputTokens} out, ${task.usage.cacheReadTokens} cached`}
          >
            {formatTokens(task.usage.inputTokens)} in · {formatTokens(task.usage.outputTokens)} out
          </span>
        )}
        {cost && (
          <span className="fact" data-testid="task-cost">
            {cost}
          </span>
        )}
        <BudgetFact task={task} />
        <PullRequestFact taskId={task.id} />
      </div>
      {task.automation && <InboxBar taskId={task.id} />}
      {task.status === 'failed' && task.lastError && <p className="error-text">{task.lastError}</p>}
      <ErrorText error={error} />
    </header>
  );
}
