import { memo } from 'react';
import { isActive } from '../../../../shared/task.js';
import { formatCost, formatElapsed } from '../../components/format.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useNow } from '../../components/use-now.js';
import { useStore } from '../../store/store.js';

/** One task in the sidebar: title, live status, elapsed time and cost; opens the thread on click. */
export const TaskRow = memo(function TaskRow({ taskId, shortcut, grouped }: { taskId: string; shortcut: number | null; grouped: boolean }) {
  const task = useStore((state) => state.tasks[taskId]);
  const selected = useStore((state) => state.view === 'task' && state.selectedTaskId === taskId);
  const selectTask = useStore((state) => state.selectTask);
  const live = task ? isActive(task.status) : false;
  const now = useNow(live);
  if (!task) return null;
  const elapsed = formatElapsed(task.createdAt, live ? now : task.updatedAt);
  const cost = formatCost(task.usage.costUsd);
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
          <StatusBadge task={task} />
          {elapsed && <span className="meta-item">{elapsed}</span>}
          {cost && <span className="meta-item">{cost}</span>}
          {task.sandbox === 'none' && <span className="meta-item warn">unsandboxed</span>}
        </span>
      </button>
    </li>
  );
});
