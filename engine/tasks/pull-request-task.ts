import type { CommandResult } from '../../shared/commands.js';
import { samePullRequest, type PullRequest, type PullRequestOrigin } from '../../shared/pull-request.js';
import type { CommandInput, EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { GhError } from '../github/gh.js';
import { openPullRequest, viewPullRequest } from '../github/gh-pull-request.js';
import { ghProblemOf, ghReadiness, githubRepositoryOf } from '../github/gh-readiness.js';
import { draftPullRequestBody, draftPullRequestTitle } from './pull-request-draft.js';
import { guardAndPush } from './push-task.js';
import { diffTask } from './task-diff.js';

/**
 * Pushes the task branch, then opens its pull request with gh (title and body drafted from the task unless given),
 * or returns the one already open for the branch. Without a usable gh the push still happens and `ghProblem` says why.
 */
export async function createPullRequestTask(
  context: EngineContext,
  { taskId, remote, draft, title, body }: CommandInput<'task/createPullRequest'>,
): Promise<CommandResult<'task/createPullRequest'>> {
  const base = context.store.require(taskId).task.baseBranch;
  if (base === null) {
    const { baseRef } = context.store.require(taskId).task;
    throw new EngineError(
      'notABranch',
      `Task ${taskId} started from ${baseRef}, which is not a branch, so a pull request has nothing to go into. Push it (\`flotilla push ${taskId}\`) and open one on GitHub against the branch you want.`,
    );
  }
  const { record, entry, pushed } = await guardAndPush(context, taskId, remote, 'open its pull request');
  const repoPath = entry.repo.path;
  const readiness = await ghReadiness(repoPath, pushed.remote);
  if (!readiness.ready)
    return { task: record.task, pushed, pullRequest: null, created: false, ghProblem: readiness.problem };
  const diff = await diffTask(context, taskId).catch(() => null);
  const opened = await openPullRequest(repoPath, readiness.repository, {
    head: pushed.branch,
    base,
    title: title ?? draftPullRequestTitle(record.task),
    body: body ?? draftPullRequestBody(record.task, diff),
    draft: draft ?? false,
  });
  recordPullRequest(context, taskId, opened.pullRequest, opened.created ? 'created' : 'found');
  return { task: record.task, pushed, pullRequest: opened.pullRequest, created: opened.created, ghProblem: null };
}

/**
 * Asks gh for the task's pull request again (the one recorded, else one open for its pushed branch) and records it
 * when its state or checks changed. A task never pushed has none, and gh is not asked.
 */
export async function refreshPullRequestTask(
  context: EngineContext,
  { taskId }: CommandInput<'task/refreshPullRequest'>,
): Promise<CommandResult<'task/refreshPullRequest'>> {
  const record = context.store.require(taskId);
  const { pushed, pullRequest } = record.task;
  if (pushed === null) return { task: record.task, pullRequest, ghProblem: null };
  const entry = context.config.requireRepo(record.task.repoId);
  const repository = await githubRepositoryOf(entry.repo.path, pushed.remote);
  if (repository === null) return { task: record.task, pullRequest, ghProblem: null };
  let latest: PullRequest;
  try {
    latest = await viewPullRequest(
      entry.repo.path,
      repository,
      pullRequest ? String(pullRequest.number) : pushed.branch,
    );
  } catch (error) {
    if (!(error instanceof GhError)) throw error;
    // No pull request for a branch that was only pushed is no problem.
    if (pullRequest === null && error.kind === 'failed' && /no (open )?pull requests? found/i.test(error.message))
      return { task: record.task, pullRequest, ghProblem: null };
    if (error.kind === 'failed' && !/auth|log ?in|token|credentials/i.test(error.message)) {
      throw new EngineError(
        'pullRequestFailed',
        `gh could not read the pull request of ${pushed.branch}: ${error.message}`,
      );
    }
    return { task: record.task, pullRequest, ghProblem: ghProblemOf(error, repository.host) };
  }
  if (pullRequest === null && latest.state !== 'open') return { task: record.task, pullRequest, ghProblem: null };
  if (!samePullRequest(pullRequest, latest))
    recordPullRequest(context, taskId, latest, pullRequest === null ? 'found' : 'refreshed');
  return { task: record.task, pullRequest: latest, ghProblem: null };
}

function recordPullRequest(
  context: EngineContext,
  taskId: string,
  pullRequest: PullRequest,
  origin: PullRequestOrigin,
): void {
  context.store.record(taskId, { type: 'pullRequest.changed', pullRequest, origin });
}
