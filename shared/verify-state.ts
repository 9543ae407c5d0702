// Verification facts and words without zod: the CLI's commands use these at start-up, before (or without) zod.
import type { VerifyResult } from './verify.js';

/** How a verify run ended: passed (exit 0), failed (another exit code), or it could not give an answer. */
export const verifyOutcomes = ['passed', 'failed', 'timedOut', 'notFound', 'failedToStart', 'stopped'] as const;
/** Time a verify command gets unless the repository says otherwise: 10 minutes. */
export const defaultVerifyTimeoutMs = 600_000;
/** How many times a failed verify sends the agent back, unless the repository or task says otherwise. */
export const defaultVerifyRetries = 2;
/** The most retries a repository or task may ask for. */
export const maxVerifyRetries = 10;
/** Characters of a verify command's output kept in its result (the end of it, where failures are). */
export const verifyTailChars = 8_000;

/** A task's verification as people read it; 'stale' is a result for an older tip than the branch has now. */
export type VerifyState = 'none' | 'running' | 'passed' | 'failed' | 'stale';

/** The task fields verification reads. */
export interface VerifyFacts {
  lastVerify: VerifyResult | null;
  verifying: boolean;
  lastCommit: string | null;
}

/** Where a task's verification stands: running, the last result for the current tip, stale, or none. */
export function verifyState(task: VerifyFacts): VerifyState {
  if (task.verifying) return 'running';
  const last = task.lastVerify;
  if (!last) return 'none';
  if (!isVerifyCurrent(task)) return 'stale';
  return last.passed ? 'passed' : 'failed';
}

/** True when the last verify result ran on the task branch's current tip. */
export function isVerifyCurrent(task: VerifyFacts): boolean {
  const last = task.lastVerify;
  return last !== null && (task.lastCommit === null || last.commit === task.lastCommit);
}

/** A verify state in words, as the sidebar, overview and `flotilla list` show it. */
export function verifyLabel(state: VerifyState): string {
  switch (state) {
    case 'none':
      return '';
    case 'running':
      return 'Verifying';
    case 'passed':
      return 'Verified';
    case 'failed':
      return 'Failed verification';
    case 'stale':
      return 'Verify stale';
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

/**
 * A task's verify state in words, telling a check that was only stopped ("Checks stopped") from one that failed:
 * both hold a merge back, but only a failure says anything about the work.
 */
export function verifyStateLabel(task: VerifyFacts): string {
  const state = verifyState(task);
  return state === 'failed' && task.lastVerify?.outcome === 'stopped' ? 'Checks stopped' : verifyLabel(state);
}

/** One line about a verify result: "`npm test` passed in 4.2 s" / "`npm test` exited 1 after 3.0 s". */
export function describeVerify(result: VerifyResult): string {
  const took = `${(result.durationMs / 1000).toFixed(1)} s`;
  const command = `\`${result.command}\``;
  switch (result.outcome) {
    case 'passed':
      return `${command} passed in ${took}`;
    case 'failed':
      return `${command} exited ${result.exitCode ?? '?'} after ${took}`;
    case 'timedOut':
      return `${command} was stopped after ${took}: it ran past its time limit`;
    case 'notFound':
      return `${command} could not run: command not found (exit ${result.exitCode ?? 127})`;
    case 'failedToStart':
      return `${command} could not start`;
    case 'stopped':
      return `${command} was stopped after ${took}`;
    default: {
      const unreachable: never = result.outcome;
      return unreachable;
    }
  }
}

/** The message that asks for a passing, current verify result before a merge, and says how to get one. */
export function unverifiedMergeMessage(task: VerifyFacts & { id: string }): string {
  return `${unverifiedWhy(verifyState(task), task.lastVerify)} Run them with \`flotilla verify ${task.id}\`, or merge anyway with --force-unverified.`;
}

/**
 * Why a repository that requires passing checks refuses this task's merge, in a sentence without commands, for the
 * window (which offers Run checks and Merge anyway as buttons).
 */
export function unverifiedWhy(state: VerifyState, last: VerifyResult | null): string {
  const why =
    state === 'none'
      ? 'its checks have not run'
      : state === 'running'
        ? 'its checks are still running'
        : state === 'stale'
          ? 'its last checks ran on an older commit than the one being merged'
          : last?.outcome === 'stopped'
            ? 'its last checks were stopped before they finished'
            : 'its checks failed';
  return `This repository requires passing checks to merge, and ${why}.`;
}
