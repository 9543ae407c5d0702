import { statusTone, taskStatusText, type StatusFields } from './status-text.js';

/**
 * A task's status as a coloured dot and its words ("Preparing: creating the worktree"). An active
 * task's dot carries a static ring rather than an animation: with many tasks on screen, one
 * infinite animation per dot kept the page restyling and repainting every frame.
 */
export function StatusBadge({ task }: { task: StatusFields }) {
  // A left-over attempt (another one was merged) is greyed: nothing there waits for review.
  const leftOver = task.status === 'done' && task.otherAttemptMerged === true;
  const tone = leftOver ? 'muted' : statusTone(task.status);
  return (
    <span className={`status status-${tone}`} data-testid="task-status" data-status={task.status} data-other-attempt-merged={leftOver || undefined}>
      <span className={`status-dot${tone === 'active' ? ' live' : ''}`} aria-hidden="true" />
      {/* The title keeps the words readable where a narrow row cuts them short. */}
      <span className="status-text" title={taskStatusText(task)}>
        {taskStatusText(task)}
      </span>
    </span>
  );
}
