import { EngineError } from '../errors.js';
import { GitError } from './git-error.js';
import { git } from './git.js';
import { engineSafeConfig } from './safe-config.js';

/**
 * Which branch a new worktree gets: a new one started at a commit, one that already exists, or none (a detached HEAD
 * at a commit, for a scratch checkout that must not hold a branch).
 */
export type WorktreeBranch =
  | { kind: 'new'; branch: string; startPoint: string }
  | { kind: 'existing'; branch: string }
  | { kind: 'detached'; commit: string };

/** Where to add a worktree, on which branch, and whether to write its files now. */
export interface AddWorktreeRequest {
  repoPath: string;
  /** The new worktree's folder; git refuses when it exists and is not empty. */
  path: string;
  target: WorktreeBranch;
  /** False: only the worktree entry and branch are made; the files come later (`checkoutWorktree`, `read-tree -u`). */
  checkout: boolean;
}

/**
 * Adds a linked worktree with the engine's safe config (no hooks, fsmonitor or signing). Throws
 * EngineError('branchExists') when a new branch's name is taken; callers hold the repo lock.
 */
export async function addWorktree(request: AddWorktreeRequest): Promise<void> {
  const { target } = request;
  const branchArgs = branchArguments(target, request.path);
  try {
    await git({
      name: 'worktree.add',
      cwd: request.repoPath,
      args: [...engineSafeConfig, 'worktree', 'add', ...(request.checkout ? [] : ['--no-checkout']), ...branchArgs],
    });
  } catch (error) {
    if (
      target.kind !== 'detached' &&
      error instanceof GitError &&
      /a branch named .* already exists/.test(error.stderr)
    ) {
      throw new EngineError(
        'branchExists',
        `The branch ${target.branch} already exists. Choose another branch name or delete that branch.`,
        { branch: target.branch },
      );
    }
    throw error;
  }
}

function branchArguments(target: WorktreeBranch, path: string): string[] {
  switch (target.kind) {
    case 'new':
      return ['--no-track', '-b', target.branch, path, target.startPoint];
    case 'existing':
      return [path, target.branch];
    case 'detached':
      return ['--detach', path, target.commit];
    default: {
      const never: never = target;
      throw new Error(`unknown worktree branch ${String(never)}`);
    }
  }
}

/**
 * Writes the files of a worktree added without checkout; touches only that worktree's index, so it needs no repo lock.
 */
export async function checkoutWorktree(worktree: string): Promise<void> {
  await git({
    name: 'worktree.checkout',
    cwd: worktree,
    args: [...engineSafeConfig, 'checkout', '--force', '--quiet'],
  });
}
