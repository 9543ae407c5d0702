import type { Task } from '../../../shared/task.js';
import { statusTone, taskStatusText } from './status-text.js';

/**
 * A task's status as a coloured dot and its words ("Preparing: creating the worktree"). An active
 * task's dot carries a static ring rather than an animation: with many tasks on screen, one
 * infinite animation per dot kept the page restyling and repainting every frame.
 */
export function StatusBadge({ task }: { task: Pick<Task, 'status' | 'phase'> }) {
  const tone = statusTone(task.status);
  return (
    <span className={`status status-${tone}`} data-testid="task-status" data-status={task.status}>
      <span className={`status-dot${tone === 'active' ? ' live' : ''}`} aria-hidden="true" />
      <span className="status-text">{taskStatusText(task)}</span>
    </span>
  );
}
