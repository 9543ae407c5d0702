import type { Slice } from '../store/slice.js';
import { mergeTasks } from '../store/tasks-slice.js';
import { notConnected, toReviewError } from './review-error.js';
import { patchReview } from './review-state.js';

/** How often the window asks for a task's open pull request again while its view is open. */
export const pullRequestRefreshMs = 30_000;

/** Opening a task's pull request from the window, and keeping its state and checks fresh. */
export interface PullRequestActions {
  /**
   * Pushes the task branch and opens its pull request (task/createPullRequest); the pull request lands on the task,
   * or, without gh, the review keeps what to install (`ghProblem`).
   */
  createPullRequest(taskId: string): Promise<void>;
  /** Asks the engine to read the task's pull request again (task/refreshPullRequest); a failed ask changes nothing. */
  refreshPullRequest(taskId: string): Promise<void>;
}

/** Creates the pull-request actions of the review slice. */
export const createPullRequestActions: Slice<PullRequestActions> = (set, get) => ({
  async createPullRequest(taskId) {
    if (get().reviews[taskId]?.pullRequest.status === 'busy') return;
    const client = get().client;
    if (!client) return patchReview(set, taskId, () => ({ pullRequest: { status: 'failed', error: notConnected } }));
    patchReview(set, taskId, () => ({ pullRequest: { status: 'busy' } }));
    try {
      const result = await client.call('task/createPullRequest', { taskId });
      set((state) => ({ tasks: mergeTasks(state.tasks, [result.task]) }));
      patchReview(set, taskId, () => ({
        task: result.task,
        pullRequest: { status: 'done' },
        ghProblem: result.ghProblem,
      }));
    } catch (error) {
      patchReview(set, taskId, () => ({ pullRequest: { status: 'failed', error: toReviewError(error) } }));
    }
  },

  async refreshPullRequest(taskId) {
    const client = get().client;
    if (!client) return;
    try {
      const result = await client.call('task/refreshPullRequest', { taskId });
      set((state) => ({ tasks: mergeTasks(state.tasks, [result.task]) }));
      patchReview(set, taskId, () => ({ ghProblem: result.ghProblem }));
    } catch {
      // The next refresh tries again; what was last read stays on show.
    }
  },
});
