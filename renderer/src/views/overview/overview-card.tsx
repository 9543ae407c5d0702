import { memo } from 'react';
import { isActive } from '../../../../shared/task.js';
import { formatCost, formatElapsed } from '../../components/format.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useNow } from '../../components/use-now.js';
import { useStore } from '../../store/store.js';

/** One agent at work: title, repository, status, time, cost and its latest activity line; opens the thread. */
export const OverviewCard = memo(function OverviewCard({ taskId, testId = 'overview-card' }: { taskId: string; testId?: string }) {
  const task = useStore((state) => state.tasks[taskId]);
  const repoName = useStore((state) => state.repos.find((repo) => repo.id === state.tasks[taskId]?.repoId)?.name ?? '');
  const activity = useStore((state) => state.activity[taskId]);
  const selectTask = useStore((state) => state.selectTask);
  const live = task ? isActive(task.status) : false;
  const now = useNow(live);
  if (!task) return null;
  const cost = formatCost(task.usage.costUsd);
  return (
    <li>
      <button type="button" className={`overview-card tone-${task.status}`} data-testid={testId} data-task-id={task.id} data-status={task.status} onClick={() => selectTask(task.id)}>
        <span className="card-top">
          <span className="card-title">{task.title}</span>
          <span className="card-repo">{repoName}</span>
        </span>
        <span className="card-meta">
          <StatusBadge task={task} />
          <span className="meta-item">{formatElapsed(task.createdAt, live ? now : task.updatedAt)}</span>
          {cost && <span className="meta-item">{cost}</span>}
          {task.sandbox === 'none' && <span className="meta-item warn">unsandboxed</span>}
        </span>
        <span className="card-activity" data-testid="overview-activity">
          {activity ?? (task.status === 'queued' ? 'Waiting for a free slot…' : task.turns > 0 ? `Turn ${task.turns}` : 'Starting…')}
        </span>
      </button>
    </li>
  );
});
