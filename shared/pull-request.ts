import { z } from 'zod';

/** What to do where the GitHub CLI is missing or not logged in, as the window and the CLI say it. */
export const installGithubCli = 'Install GitHub CLI (https://cli.github.com) and run gh auth login';

/** How one check of a pull request stands. */
export const pullRequestCheckStates = ['passed', 'failed', 'pending', 'skipped'] as const;

/** Schema for one check (a CI job or a commit status) on a pull request. */
export const pullRequestCheckSchema = z.object({
  name: z.string(),
  state: z.enum(pullRequestCheckStates),
});
/** One check (a CI job or a commit status) on a pull request. */
export type PullRequestCheck = z.infer<typeof pullRequestCheckSchema>;

/** Schema for a pull request's state on GitHub. */
export const pullRequestStateSchema = z.enum(['open', 'closed', 'merged']);
/** A pull request's state on GitHub. */
export type PullRequestState = z.infer<typeof pullRequestStateSchema>;

/** Schema for the pull request of a task's branch, as `gh pr view` last reported it. */
export const pullRequestSchema = z.object({
  number: z.number().int().positive(),
  url: z.string(),
  state: pullRequestStateSchema,
  draft: z.boolean(),
  /** The checks on its head commit; empty when the repository runs none (or none reported yet). */
  checks: z.array(pullRequestCheckSchema),
});
/** The pull request of a task's branch, as `gh pr view` last reported it. */
export type PullRequest = z.infer<typeof pullRequestSchema>;

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
