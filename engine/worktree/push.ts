import type { PushedBranch } from '../../shared/task.js';
import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { GitError } from '../git/git-error.js';
import { branchTip } from '../git/refs.js';
import { pullRequestUrl } from './pull-request-url.js';

/** What pushing a task branch needs. */
export interface PushRequest {
  repoPath: string;
  branch: string;
  /** The branch a pull request would go into; also picks the default remote (its upstream's). */
  baseBranch: string | null;
  /** The remote to push to; default: the base branch's remote, else `origin`, else the only one. */
  remote?: string;
  signal?: AbortSignal;
}

// Pushing over a slow network can stay silent for a while; beyond this git is assumed stuck.
const pushTimeoutMs = 180_000;

/**
 * Pushes the task branch to a remote under its own name and sets it as the branch's upstream.
 * Never forces: a remote branch with commits the task lacks is refused with what to do.
 */
export async function pushBranch(request: PushRequest): Promise<PushedBranch> {
  const remote = await chooseRemote(request);
  const { stdout: url } = await git({
    name: 'remote.getUrl',
    cwd: request.repoPath,
    args: ['remote', 'get-url', remote],
    readOnly: true,
  });
  const commit = await branchTip(request.repoPath, request.branch);
  if (commit === null) {
    throw new EngineError(
      'notFound',
      `The task branch ${request.branch} no longer exists in ${request.repoPath}, so there is nothing to push. Restore the branch, or discard the task.`,
      { branch: request.branch },
    );
  }
  try {
    await git({
      name: 'push',
      cwd: request.repoPath,
      args: [
        'push',
        '--porcelain',
        '--set-upstream',
        remote,
        `refs/heads/${request.branch}:refs/heads/${request.branch}`,
      ],
      network: true,
      timeoutMs: pushTimeoutMs,
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (error) {
    throw explainPushFailure(error, remote, url.trim(), request.branch);
  }
  return {
    remote,
    branch: request.branch,
    commit,
    pullRequestUrl: request.baseBranch ? pullRequestUrl(url, request.baseBranch, request.branch) : null,
  };
}

async function chooseRemote(request: PushRequest): Promise<string> {
  const { stdout } = await git({ name: 'remote.list', cwd: request.repoPath, args: ['remote'], readOnly: true });
  const remotes = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (remotes.length === 0) {
    throw new EngineError(
      'noRemote',
      `${request.repoPath} has no remote to push to. Add one (git remote add origin <url>), then push again.`,
    );
  }
  if (request.remote !== undefined) {
    if (remotes.includes(request.remote)) return request.remote;
    throw new EngineError(
      'noRemote',
      `This repository has no remote named "${request.remote}". Its remotes: ${remotes.join(', ')}.`,
    );
  }
  if (request.baseBranch) {
    const { stdout: upstream, exitCode } = await git({
      name: 'config.branchRemote',
      cwd: request.repoPath,
      args: ['config', '--get', `branch.${request.baseBranch}.remote`],
      readOnly: true,
      okExitCodes: [1],
    });
    if (exitCode === 0 && remotes.includes(upstream.trim())) return upstream.trim();
  }
  if (remotes.includes('origin')) return 'origin';
  if (remotes.length === 1 && remotes[0]) return remotes[0];
  throw new EngineError(
    'noRemote',
    `This repository has several remotes (${remotes.join(', ')}) and none is "origin". Choose one to push to.`,
  );
}

function explainPushFailure(error: unknown, remote: string, url: string, branch: string): unknown {
  if (!(error instanceof GitError) || error.kind !== 'failed') return error;
  const said = error.stderr.trim();
  const where = `${remote} (${url})`;
  if (/\[rejected\]|non-fast-forward|fetch first|Updates were rejected|\[remote rejected\]/i.test(said)) {
    const hook = /\[remote rejected\]/i.test(said);
    return new EngineError(
      'pushFailed',
      hook
        ? `${where} refused ${branch}: ${
            said
              .split('\n')
              .find((line) => /remote rejected/i.test(line))
              ?.trim() ?? said
          }. Check the remote's rules for branch names and pushes.`
        : `${where} already has a ${branch} with commits this task does not have, so the push was refused rather than overwrite them. Look at them there, or discard the remote branch, then push again.`,
      { stderr: said },
    );
  }
  if (/Authentication failed|Permission denied|could not read Username|terminal prompts disabled|403|401/i.test(said)) {
    return new EngineError(
      'pushFailed',
      `git could not log in to ${where}. Make \`git push\` work in a terminal first (an SSH key in your agent, or a credential helper for HTTPS), then push again. git said: ${said}`,
      { stderr: said },
    );
  }
  if (
    /Could not resolve host|unable to access|Connection refused|timed out|Network is unreachable|Could not read from remote/i.test(
      said,
    )
  ) {
    return new EngineError(
      'pushFailed',
      `Could not reach ${where}. Check the network and the remote's address, then push again. git said: ${said}`,
      { stderr: said },
    );
  }
  return new EngineError('pushFailed', `Pushing ${branch} to ${where} failed: ${said}`, { stderr: said });
}
