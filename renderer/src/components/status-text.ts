import type { TaskPhase, TaskStatus, Task } from '../../../shared/task.js';

const statusLabels: Record<TaskStatus, string> = {
  queued: 'Queued',
  preparing: 'Preparing',
  running: 'Running',
  awaitingApproval: 'Waiting for approval',
  done: 'Done',
  failed: 'Failed',
  stopped: 'Stopped',
  interrupted: 'Interrupted',
  merged: 'Merged',
  discarded: 'Discarded',
};

const phaseLabels: Record<TaskPhase, string> = {
  resolveBase: 'resolving the base',
  addWorktree: 'creating the worktree',
  copyFiles: 'copying files',
  setup: 'running the setup script',
  ready: 'ready',
};

/** A status as a person reads it ("Waiting for approval"). */
export function statusLabel(status: TaskStatus): string {
  return statusLabels[status];
}

/** A worktree phase as a person reads it ("creating the worktree"). */
export function phaseLabel(phase: TaskPhase): string {
  return phaseLabels[phase];
}

/** What a status line needs of a task: `otherAttemptMerged` when another attempt of its prompt was merged instead. */
export type StatusFields = Pick<Task, 'status' | 'phase'> & { otherAttemptMerged?: boolean };

/**
 * A task's status with its current phase while preparing ("Preparing: creating the worktree"), or,
 * for a finished attempt whose sibling was merged, "Another attempt was merged" rather than "Done".
 */
export function taskStatusText(task: StatusFields): string {
  if (task.status === 'done' && task.otherAttemptMerged) return 'Another attempt was merged';
  if (task.status === 'preparing' && task.phase) return `Preparing: ${phaseLabel(task.phase)}`;
  return statusLabel(task.status);
}

/** The tone a status is drawn in. */
export function statusTone(status: TaskStatus): 'active' | 'attention' | 'good' | 'bad' | 'muted' {
  switch (status) {
    case 'queued':
    case 'preparing':
    case 'running':
      return 'active';
    case 'awaitingApproval':
      return 'attention';
    case 'done':
    case 'merged':
      return 'good';
    case 'failed':
    case 'interrupted':
      return 'bad';
    case 'stopped':
    case 'discarded':
      return 'muted';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
