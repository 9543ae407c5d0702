import { isDoneWithoutChanges } from '../../../shared/task.js';
import { taskStatusText, taskTone, type StatusView } from './status-text.js';

/**
 * A task's status as a coloured dot and its words ("Preparing: creating the worktree"). An active
 * task's dot carries a static ring rather than an animation: with many tasks on screen, one
 * infinite animation per dot kept the page restyling and repainting every frame.
 */
export function StatusBadge({ task }: { task: StatusView }) {
  const tone = taskTone(task);
  const noChanges = isDoneWithoutChanges({ status: task.status, changes: task.changes ?? null });
  return (
    <span
      className={`status status-${tone}`}
      data-testid="task-status"
      data-status={task.status}
      data-no-changes={noChanges ? 'true' : undefined}
      data-other-attempt-merged={task.status === 'done' && task.otherAttemptMerged === true ? 'true' : undefined}
      title={
        noChanges
          ? 'The agent finished without changing any file against the base, so there is nothing to review or merge.'
          : undefined
      }
    >
      <span className={`status-dot${tone === 'active' ? ' live' : ''}`} aria-hidden="true" />
      {/* The title keeps the words readable where a narrow row cuts them short. */}
      <span className="status-text" title={taskStatusText(task)}>
        {taskStatusText(task)}
      </span>
    </span>
  );
}
