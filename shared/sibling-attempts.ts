import type { Task } from './task.js';

/**
 * True when another attempt of the task's prompt (same group id) was merged while this one sits
 * finished and unmerged: it is then no longer "Done" and waiting for review, but left over.
 */
export function otherAttemptMerged(task: Pick<Task, 'status' | 'mergedSibling'>): boolean {
  return task.status === 'done' && task.mergedSibling !== null;
}

/**
 * The sentence that says so ("Another attempt (t2) was merged into main as 0123abcd45; this one was not."), or null.
 */
export function otherAttemptMergedText(task: Pick<Task, 'status' | 'mergedSibling'>): string | null {
  const sibling = task.mergedSibling;
  if (!sibling || task.status !== 'done') return null;
  return `Another attempt (${sibling.taskId}) was merged into ${sibling.into} as ${sibling.commit.slice(0, 10)}; this one was not.`;
}

/**
 * The other attempts of a merged task's group that are still around (neither merged nor
 * discarded): what "Discard the other attempts" offers to archive. Empty unless the task is merged.
 */
export function leftoverAttempts(task: Pick<Task, 'id' | 'status' | 'groupId'>, tasks: Iterable<Task>): Task[] {
  if (task.status !== 'merged' || !task.groupId) return [];
  return [...tasks].filter(
    (other) =>
      other.id !== task.id &&
      other.groupId === task.groupId &&
      other.status !== 'merged' &&
      other.status !== 'discarded' &&
      other.mergedCommit === null,
  );
}
