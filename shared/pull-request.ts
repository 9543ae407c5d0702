import { z } from 'zod';
import { pullRequestCheckStates } from './pull-request-words.js';

export * from './pull-request-words.js';

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
