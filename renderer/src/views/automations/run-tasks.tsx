import { otherAttemptMerged } from '../../../../shared/sibling-attempts.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useStore } from '../../store/store.js';

/** The tasks a run started, each with its live status; a click opens the task (and `onOpen` runs first). */
export function RunTasks({ taskIds, onOpen }: { taskIds: readonly string[]; onOpen?(taskId: string): void }) {
  if (taskIds.length === 0) return null;
  return (
    <ul className="run-tasks" aria-label="Its tasks">
      {taskIds.map((taskId) => (
        <li key={taskId}>
          <RunTask taskId={taskId} onOpen={onOpen} />
        </li>
      ))}
    </ul>
  );
}

function RunTask({ taskId, onOpen }: { taskId: string; onOpen?(taskId: string): void }) {
  const title = useStore((state) => state.tasks[taskId]?.title ?? null);
  const status = useStore((state) => state.tasks[taskId]?.status ?? null);
  const phase = useStore((state) => state.tasks[taskId]?.phase ?? null);
  const changes = useStore((state) => state.tasks[taskId]?.changes ?? null);
  const otherMerged = useStore((state) => {
    const task = state.tasks[taskId];
    return task ? otherAttemptMerged(task) : false;
  });
  const selectTask = useStore((state) => state.selectTask);
  return (
    <button
      type="button"
      className="run-task"
      data-testid="run-task"
      data-task-id={taskId}
      title="Open the task"
      onClick={(event) => {
        event.stopPropagation();
        onOpen?.(taskId);
        selectTask(taskId);
      }}
    >
      <span className="run-task-title">{title ?? `Task ${taskId}`}</span>
      {status && <StatusBadge task={{ status, phase, changes, otherAttemptMerged: otherMerged }} />}
    </button>
  );
}
