import { EngineError } from '../errors.js';
import { git } from './git.js';
import { engineSafeConfig } from './safe-config.js';

/** Moves a linked worktree's folder (git updates its own records); callers hold the repo lock. */
export async function moveWorktree(repoPath: string, from: string, to: string): Promise<void> {
  await git({ name: 'worktree.move', cwd: repoPath, args: ['worktree', 'move', from, to] });
}

/**
 * Puts a detached worktree on a new branch at the commit it already has checked out, without touching a file or its
 * index: the branch is created only if it does not exist yet (`update-ref` with the zero old value), then HEAD points
 * at it.
 */
export async function attachNewBranch(worktree: string, branch: string, commit: string): Promise<void> {
  const ref = `refs/heads/${branch}`;
  // Different lock files (the branch's ref, the worktree's HEAD), so both run at once; HEAD may name a branch that is
  // still being made.
  const [created] = await Promise.all([
    git({ name: 'branch.create', cwd: worktree, args: ['update-ref', ref, commit, ''], okExitCodes: [128] }),
    git({ name: 'head.attach', cwd: worktree, args: ['symbolic-ref', 'HEAD', ref] }),
  ]);
  if (created.exitCode !== 0)
    throw new EngineError(
      'branchExists',
      `The branch ${branch} already exists. Choose another branch name or delete that branch.`,
      { branch },
    );
}

/** Moves a detached pool worktree's files to another commit (its base moved on). */
export async function checkoutDetached(worktree: string, commit: string): Promise<void> {
  await git({
    name: 'worktree.moveTo',
    cwd: worktree,
    args: [...engineSafeConfig, 'checkout', '--force', '--quiet', '--detach', commit],
  });
}
