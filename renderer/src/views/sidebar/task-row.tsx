import { memo } from 'react';
import { TaskMeta } from '../../components/task-meta.js';
import { useTaskFields } from '../../components/task-fields.js';
import { useStore } from '../../store/store.js';

/** One task in the sidebar: title, live status, the agent's working time and cost; opens the thread on click. */
export const TaskRow = memo(function TaskRow({ taskId, shortcut, grouped }: { taskId: string; shortcut: number | null; grouped: boolean }) {
  const task = useTaskFields(taskId);
  const selected = useStore((state) => state.view === 'task' && state.selectedTaskId === taskId);
  const selectTask = useStore((state) => state.selectTask);
  if (!task) return null;
  return (
    <li>
      <button
        type="button"
        className={`task-row${grouped ? ' grouped' : ''}${selected ? ' selected' : ''}`}
        data-testid="task-row"
        data-task-id={task.id}
        data-status={task.status}
        aria-current={selected ? 'page' : undefined}
        title={task.prompt}
        onClick={() => selectTask(task.id)}
      >
        <span className="task-row-title">
          {task.title}
          {shortcut !== null && <kbd className="shortcut-hint" aria-hidden="true">{shortcut}</kbd>}
        </span>
        <span className="task-row-meta">
          <TaskMeta task={task} showAgent={grouped} />
        </span>
      </button>
    </li>
  );
});
