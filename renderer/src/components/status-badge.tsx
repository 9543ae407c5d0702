import type { Task } from '../../../shared/task.js';
import { statusTone, taskStatusText } from './status-text.js';

/** A task's status as a coloured dot and its words ("Preparing: creating the worktree"). */
export function StatusBadge({ task }: { task: Pick<Task, 'status' | 'phase'> }) {
  const tone = statusTone(task.status);
  return (
    <span className={`status status-${tone}`} data-testid="task-status" data-status={task.status}>
      <span className={`status-dot${tone === 'active' ? ' pulse' : ''}`} aria-hidden="true" />
      {taskStatusText(task)}
    </span>
  );
}
