import { memo } from 'react';
import type { Task, TaskStatus } from '../../../../shared/task.js';
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
  const team = useStore((state) => teamLine(state.tasks, taskId));
  const subtask = useStore((state) => state.tasks[taskId]?.team?.role === 'subtask');
  if (!task) return null;
  return (
    <li className={`overview-item${subtask ? ' subtask' : ''}`}>
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
          <span className="card-repo">
            {repoName}
            {team && (
              <span className="card-team" data-testid="overview-team">
                {' · '}
                {team}
              </span>
            )}
          </span>
        </span>
        <span className="card-meta">
          <TaskMeta task={task} showAgent />
        </span>
        {showActivity && <CardActivity taskId={taskId} status={task.status} turns={task.turns} />}
      </button>
    </li>
  );
});

/** The card's team line: which lead a subtask works for, or how many subtasks a lead has; null outside a team. */
function teamLine(tasks: Record<string, Task>, taskId: string): string | null {
  const team = tasks[taskId]?.team;
  if (!team) return null;
  if (team.role === 'subtask') return `↳ Subtask of ${tasks[team.leadId]?.title ?? `task ${team.leadId}`}`;
  const count = Object.values(tasks).filter(
    (task) => task.team?.role === 'subtask' && task.team.leadId === taskId,
  ).length;
  return count === 0 ? 'Team lead' : `Team lead · ${count} subtask${count === 1 ? '' : 's'}`;
}

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
