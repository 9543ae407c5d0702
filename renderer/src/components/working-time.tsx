import { memo } from 'react';
import { workingMs } from '../../../shared/task.js';
import { formatWorkingTime } from './format.js';
import { useNow } from './use-now.js';

/** Props of a task's working time: what the summary keeps of it, and when the task was created (for the tooltip). */
export interface WorkingTimeProps {
  workMs: number;
  turnStartedAt: string | null;
  createdAt: string;
  /** The class of the span (a meta item in rows and cards, a fact in the thread header). */
  className?: string;
  testId?: string;
}

/**
 * How long the task's agent has worked (the sum of its turns), ticking once a second only while a
 * turn runs: a task that waits for a slot, for review or for a merge does not count up. Its own
 * component so the tick re-renders this text alone, not the row or card around it.
 */
export const WorkingTime = memo(function WorkingTime({
  workMs,
  turnStartedAt,
  createdAt,
  className = 'meta-item',
  testId = 'task-working-time',
}: WorkingTimeProps) {
  const now = useNow(turnStartedAt !== null);
  if (turnStartedAt === null && workMs === 0) return null;
  const text = formatWorkingTime(workingMs({ workMs, turnStartedAt }, turnStartedAt === null ? 0 : now));
  const created = new Date(createdAt);
  const title = `The agent's working time over its turns${Number.isNaN(created.getTime()) ? '' : `; created ${created.toLocaleString()}`}`;
  return (
    <span className={className} data-testid={testId} title={title}>
      {text}
    </span>
  );
});
