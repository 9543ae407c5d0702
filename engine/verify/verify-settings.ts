import type { RepoSettings } from '../../shared/repo.js';
import type { Task } from '../../shared/task.js';
import { defaultVerifyRetries, defaultVerifyTimeoutMs } from '../../shared/verify-state.js';

/** How a task is verified: its command (null for none), how many retries a failure gets, and the time limit. */
export interface VerifyPlan {
  command: string | null;
  retries: number;
  timeoutMs: number;
  /** The repository refuses merges without a passing, current result (only while a command is set). */
  requirePassing: boolean;
}

/** The task's own verify settings where it has them, else its repository's; an empty command means none. */
export function verifyPlanFor(task: Task, settings: RepoSettings | undefined): VerifyPlan {
  const command = (task.verifyCommand ?? settings?.verifyCommand ?? '').trim();
  return {
    command: command === '' ? null : command,
    retries: task.verifyRetries ?? settings?.verifyRetries ?? defaultVerifyRetries,
    timeoutMs: settings?.verifyTimeoutMs ?? defaultVerifyTimeoutMs,
    requirePassing: command !== '' && (settings?.requirePassingChecks ?? true),
  };
}
