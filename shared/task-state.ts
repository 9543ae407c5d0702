// Task states and words without zod: the CLI's commands use these at start-up, before (or without) zod (the
// schemas in task.ts are built from the lists here).
import type { ChangeCount, Task, TaskStatus } from './task.js';

/** Every state a task can be in, in the order a user usually sees them. */
export const taskStatuses = [
  'queued',
  'preparing',
  'running',
  'awaitingApproval',
  'done',
  'failed',
  'stopped',
  'interrupted',
  'merged',
  'discarded',
] as const;

/** The phases of creating a task's worktree, in order. */
export const taskPhases = ['resolveBase', 'addWorktree', 'copyFiles', 'setup', 'ready'] as const;

/** How a task's shell commands are approved: automatically (when sandboxed) or by asking the user each time. */
export const approvalModes = ['auto', 'ask'] as const;

/** A change count in words: "3 files changed: 12 lines added, 1 removed". */
export function describeChanges(count: ChangeCount): string {
  const files = count.files === 1 ? '1 file' : `${count.files} files`;
  return `${files} changed: ${count.additions} ${count.additions === 1 ? 'line' : 'lines'} added, ${count.deletions} removed`;
}

/**
 * How long the task's agent has worked, in milliseconds, at time `now` (epoch ms): its ended turns
 * plus the running one. Not the task's age: a task that waits, or is merged later, stops counting.
 */
export function workingMs(task: Pick<Task, 'workMs' | 'turnStartedAt'>, now: number): number {
  const running = task.turnStartedAt === null ? 0 : now - Date.parse(task.turnStartedAt);
  return task.workMs + (Number.isFinite(running) ? Math.max(0, running) : 0);
}

/** Statuses in which an agent process may be working. */
export const activeStatuses: readonly TaskStatus[] = ['queued', 'preparing', 'running', 'awaitingApproval'];

/** True when a task is queued, preparing or running. */
export function isActive(status: TaskStatus): boolean {
  return activeStatuses.includes(status);
}

/** Statuses of a task whose agent has finished (for now) and whose work waits for the person. */
export const finishedStatuses: readonly TaskStatus[] = ['done', 'stopped', 'failed', 'interrupted'];

/**
 * True when the task's last count found no file changed against its base, committed or not (the
 * engine counts after every turn). A task never counted (an older log, or no turn ended yet) is unknown, not unchanged.
 */
export function changedNothing(task: Pick<Task, 'changes'>): boolean {
  return task.changes !== null && task.changes.files === 0;
}

/** True when a task finished as done without changing anything: shown as "No changes" rather than a green Done. */
export function isDoneWithoutChanges(task: Pick<Task, 'status' | 'changes'>): boolean {
  return task.status === 'done' && changedNothing(task);
}

/** True when a finished task has changes to review and merge; one that changed nothing has nothing to review. */
export function isReadyForReview(task: Pick<Task, 'status' | 'changes'>): boolean {
  return finishedStatuses.includes(task.status) && !changedNothing(task);
}

/** Why Merge is off for a task that changed nothing. */
export const nothingToMergeMessage = 'Nothing to merge: this task changed no files against its base.';

/** Why a task cannot be merged because it changed nothing, or null when that is not the reason. */
export function nothingToMergeReason(task: Pick<Task, 'changes'>): string | null {
  return changedNothing(task) ? nothingToMergeMessage : null;
}
