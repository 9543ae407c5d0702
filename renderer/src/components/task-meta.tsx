import { describeChanges } from '../../../shared/task.js';
import { AutomationLabel } from './automation-label.js';
import { Counts } from './counts.js';
import { WorkingTime } from './working-time.js';
import { StatusBadge } from './status-badge.js';
import { VerifyBadge } from './verify-badge.js';
import { OverlapBadge } from './overlap-badge.js';
import type { TaskFields } from './task-fields.js';
import { useStore } from '../store/store.js';

/**
 * The line under a task's title in the sidebar and the overview: status, checks, the agent's working time, lines
 * changed, cost and warnings, the automation that started it, and the agent where tasks are compared (sibling
 * attempts, the overview).
 */
export function TaskMeta({ task, showAgent = false }: { task: TaskFields; showAgent?: boolean }) {
  const agentName = useStore((state) => state.agents.find((agent) => agent.id === task.agent)?.name ?? task.agent);
  return (
    <>
      <StatusBadge
        task={{
          status: task.status,
          phase: task.phase,
          changes:
            task.changedFiles === null
              ? null
              : { files: task.changedFiles, additions: task.additions, deletions: task.deletions },
          otherAttemptMerged: task.otherAttemptMerged,
        }}
      />
      {task.verifyState && (
        <VerifyBadge view={{ state: task.verifyState, label: task.verifyLabel, title: task.verifyTitle }} />
      )}
      <OverlapBadge view={{ label: task.overlapLabel, title: task.overlapTitle, conflicts: task.overlapConflicts }} />
      {showAgent && (
        <span className="meta-item" data-testid="task-agent">
          {agentName}
        </span>
      )}
      <WorkingTime workMs={task.workMs} turnStartedAt={task.turnStartedAt} createdAt={task.createdAt} />
      {task.changedFiles !== null && task.changedFiles > 0 && (
        <span className="meta-item" data-testid="task-changes" title={changesTitle(task)}>
          <Counts additions={task.additions} deletions={task.deletions} />
          <span className="visually-hidden">{changesTitle(task)}</span>
        </span>
      )}
      {task.cost && <span className="meta-item">{task.cost}</span>}
      {task.overBudget && (
        <span
          className="meta-item warn"
          data-testid="task-budget-reached"
          title="Stopped at its budget; raise it in the thread header to go on."
        >
          budget reached
        </span>
      )}
      {task.sandbox === 'none' && <span className="meta-item warn">unsandboxed</span>}
      {task.automationName !== null && (
        <AutomationLabel name={task.automationName} reason={task.automationReason} className="meta-item" />
      )}
    </>
  );
}

function changesTitle(task: TaskFields): string {
  return `${describeChanges({ files: task.changedFiles ?? 0, additions: task.additions, deletions: task.deletions })} against its base`;
}
