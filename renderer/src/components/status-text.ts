import { isDoneWithoutChanges, type TaskPhase, type TaskStatus, type Task } from '../../../shared/task.js';

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

/**
 * What a task's status shows: its status and phase, whether it changed anything (the change count is
 * optional where it is not known), and whether another attempt of its prompt was merged instead.
 */
export type StatusView = Pick<Task, 'status' | 'phase'> &
  Partial<Pick<Task, 'changes'>> & { otherAttemptMerged?: boolean };

/**
 * A task's status with its current phase while preparing ("Preparing: creating the worktree"); for a finished
 * attempt whose sibling was merged, "Another attempt was merged"; "No changes" for a done task that changed nothing.
 */
export function taskStatusText(task: StatusView): string {
  if (task.status === 'done' && task.otherAttemptMerged) return 'Another attempt was merged';
  if (task.status === 'preparing' && task.phase) return `Preparing: ${phaseLabel(task.phase)}`;
  if (isDoneWithoutChanges({ status: task.status, changes: task.changes ?? null })) return 'No changes';
  return statusLabel(task.status);
}

/** The tone a task's status is drawn in: a done task that changed nothing is neutral, not green. */
export function taskTone(task: StatusView): ReturnType<typeof statusTone> {
  // A left-over attempt (another one was merged) is greyed too: nothing there waits for review.
  if (task.status === 'done' && task.otherAttemptMerged) return 'muted';
  return isDoneWithoutChanges({ status: task.status, changes: task.changes ?? null })
    ? 'muted'
    : statusTone(task.status);
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
