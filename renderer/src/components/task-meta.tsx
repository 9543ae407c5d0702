import { ElapsedTime } from './elapsed-time.js';
import { StatusBadge } from './status-badge.js';
import type { TaskFields } from './task-fields.js';

/** The line under a task's title in the sidebar and the overview: status, time, cost and warnings. */
export function TaskMeta({ task }: { task: TaskFields }) {
  return (
    <>
      <StatusBadge task={task} />
      <ElapsedTime createdAt={task.createdAt} endedAt={task.endedAt} />
      {task.cost && <span className="meta-item">{task.cost}</span>}
      {task.overBudget && (
        <span className="meta-item warn" data-testid="task-budget-reached" title="Stopped at its budget; raise it in the thread header to go on.">
          budget reached
        </span>
      )}
      {task.sandbox === 'none' && <span className="meta-item warn">unsandboxed</span>}
    </>
  );
}
