import { memo } from 'react';
import type { TaskStatus } from '../../../../shared/task.js';
import { TaskMeta } from '../../components/task-meta.js';
import { useTaskFields } from '../../components/task-fields.js';
import { useStore } from '../../store/store.js';

/** Props of an overview card. */
export interface OverviewCardProps {
  taskId: string;
  testId?: string;
  /** Whether the card shows the task's latest activity (the live grid does; "Recently finished" does not). */
  showActivity?: boolean;
}

/** One agent at work: title, repository, status, time, cost and its latest activity line; opens the thread. */
export const OverviewCard = memo(function OverviewCard({
  taskId,
  testId = 'overview-card',
  showActivity = true,
}: OverviewCardProps) {
  const task = useTaskFields(taskId);
  const repoName = useStore((state) => state.repos.find((repo) => repo.id === task?.repoId)?.name ?? '');
  const selectTask = useStore((state) => state.selectTask);
  if (!task) return null;
  return (
    <li className="overview-item">
      <button
        type="button"
        className={`overview-card tone-${task.status}`}
        data-testid={testId}
        data-task-id={task.id}
        data-status={task.status}
        onClick={() => selectTask(task.id)}
      >
        <span className="card-top">
          <span className="card-title">{task.title}</span>
          <span className="card-repo">{repoName}</span>
        </span>
        <span className="card-meta">
          <TaskMeta task={task} showAgent />
        </span>
        {showActivity && <CardActivity taskId={taskId} status={task.status} turns={task.turns} />}
      </button>
    </li>
  );
});

/**
 * The card's latest activity, at most three lines. Its own component, reading only the activity
 * line, so a streaming agent re-renders this text alone; the box has a fixed size and contains its
 * layout, so the new text never relays out the grid.
 */
const CardActivity = memo(function CardActivity({
  taskId,
  status,
  turns,
}: {
  taskId: string;
  status: TaskStatus;
  turns: number;
}) {
  const activity = useStore((state) => state.activity[taskId]);
  const text =
    activity ?? (status === 'queued' ? 'Waiting for a free slot…' : turns > 0 ? `Turn ${turns}` : 'Starting…');
  return (
    <span className="card-activity" data-testid="overview-activity">
      <span className="card-activity-text">{text}</span>
    </span>
  );
});
