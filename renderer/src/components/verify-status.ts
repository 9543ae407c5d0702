import type { Task } from '../../../shared/task.js';
import {
  defaultVerifyRetries,
  describeVerify,
  verifyLabel,
  verifyState,
  verifyStateLabel,
} from '../../../shared/verify.js';

/** Where a task's checks stand as a badge shows them: a verify state, or a retry turn the checks sent back. */
export type VerifyBadgeState = 'running' | 'retrying' | 'passed' | 'failed' | 'stale';

/** A task's verification as the sidebar, the overview and the task header show it. */
export interface VerifyView {
  state: VerifyBadgeState;
  /** "Verified", "Failed verification", "Verifying", "Retry 1 of 2", "Verify stale". */
  label: string;
  /** The longer story for a tooltip: the last result in one line, or what the retry is for. */
  title: string;
}

/** The task fields a verify badge reads. */
export type VerifyViewFacts = Pick<Task, 'status' | 'lastVerify' | 'verifying' | 'lastCommit' | 'verifyRetry'> &
  Partial<Pick<Task, 'verifyRetries'>>;

/** How many retries a task's failed checks get: its own setting, else its repository's, else the default. */
export function retriesFor(task: Pick<Task, 'verifyRetries'>, repoRetries: number | undefined): number {
  return task.verifyRetries ?? repoRetries ?? defaultVerifyRetries;
}

/**
 * A task's verification in words: checks running; the agent at work on a failure the checks sent back ("Retry 1 of
 * 2"); or the last result — verified, failed verification, or stale when the branch moved since. Null before any.
 */
export function verifyView(task: VerifyViewFacts, retries: number): VerifyView | null {
  const last = task.lastVerify ? describeVerify(task.lastVerify) : '';
  const retry = `retry ${task.verifyRetry} of ${Math.max(retries, task.verifyRetry)}`;
  if (task.verifying) {
    return {
      state: 'running',
      label: verifyLabel('running'),
      title: task.verifyRetry > 0 ? `Running the checks again after ${retry}` : 'Running the checks',
    };
  }
  const working = task.status === 'running' || task.status === 'queued' || task.status === 'awaitingApproval';
  if (working && task.verifyRetry > 0) {
    return {
      state: 'retrying',
      label: `Retry ${task.verifyRetry} of ${Math.max(retries, task.verifyRetry)}`,
      title: `Verify failed (${last}); the agent is fixing it, ${retry}`,
    };
  }
  const state = verifyState(task);
  switch (state) {
    case 'none':
      return null;
    case 'running':
    case 'passed':
    case 'failed':
      return { state, label: verifyStateLabel(task), title: last };
    case 'stale':
      return { state, label: verifyLabel(state), title: `${last}, on an older commit: the branch changed since` };
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
