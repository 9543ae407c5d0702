// Pull-request facts and words without zod, for the CLI's start-up (see verify-state.ts).
import type { PullRequest, PullRequestCheck } from './pull-request.js';

/** What to do where the GitHub CLI is missing or not logged in, as the window and the CLI say it. */
export const installGithubCli = 'Install GitHub CLI (https://cli.github.com) and run gh auth login';

/** How one check of a pull request stands. */
export const pullRequestCheckStates = ['passed', 'failed', 'pending', 'skipped'] as const;

/** A pull request's checks in one phrase: "2 passed, 1 failed, 1 pending" or "no checks". */
export function describeChecks(checks: readonly PullRequestCheck[]): string {
  if (checks.length === 0) return 'no checks';
  return pullRequestCheckStates
    .map((state) => ({ state, count: checks.filter((check) => check.state === state).length }))
    .filter(({ count }) => count > 0)
    .map(({ state, count }) => `${count} ${state}`)
    .join(', ');
}

/** A pull request's state in words: "open", "draft", "merged" or "closed". */
export function describePullRequestState(pullRequest: Pick<PullRequest, 'state' | 'draft'>): string {
  return pullRequest.state === 'open' && pullRequest.draft ? 'draft' : pullRequest.state;
}

/** True when two reports of a pull request say the same (nothing worth recording changed). */
export function samePullRequest(a: PullRequest | null, b: PullRequest | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Why a pull-request event was recorded: opened by Flotilla, found already open for the branch, or refreshed. */
export type PullRequestOrigin = 'created' | 'found' | 'refreshed';

/** One line about a pull-request event, as the thread and `flotilla show` tell it. */
export function describePullRequestChange(pullRequest: PullRequest, origin: PullRequestOrigin): string {
  const name = `pull request #${pullRequest.number}`;
  switch (origin) {
    case 'created':
      return `Opened ${pullRequest.draft ? 'draft ' : ''}${name}: ${pullRequest.url}`;
    case 'found':
      return `Found ${name} already open for this branch: ${pullRequest.url}`;
    case 'refreshed':
      return `The ${name} is ${describePullRequestState(pullRequest)}; checks: ${describeChecks(pullRequest.checks)}`;
    default: {
      const unreachable: never = origin;
      return unreachable;
    }
  }
}
