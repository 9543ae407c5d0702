import { existsSync } from 'node:fs';
import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { commitIdentity } from '../git/identity.js';
import { engineSafeConfig } from '../git/safe-config.js';
import { headCommit } from '../git/snapshot.js';

/** What to save: a task's worktree and the commit message to use. */
export interface CheckpointRequest {
  worktree: string;
  message: string;
}

function assertWorktree(worktree: string): void {
  if (!existsSync(worktree)) {
    throw new EngineError('noWorktree', `The task's worktree ${worktree} no longer exists, so its changes cannot be saved. Discard the task or recreate it.`);
  }
}

/** Whether the worktree has any change: tracked, staged, or untracked but not ignored. Read-only. */
export async function hasChanges(worktree: string): Promise<boolean> {
  assertWorktree(worktree);
  const out = await git({
    name: 'status.changes',
    cwd: worktree,
    args: [...engineSafeConfig, 'status', '--porcelain', '-z', '--untracked-files=all'],
    readOnly: true,
  });
  return out.stdout.length > 0;
}

/**
 * Commits everything in the worktree (untracked files included) on its current branch, without
 * running the user's hooks; returns the new commit, or null when there was nothing to commit.
 * Callers serialize it with other git work on the same repository.
 */
export async function checkpoint(request: CheckpointRequest): Promise<{ commit: string } | null> {
  const { worktree, message } = request;
  if (!(await hasChanges(worktree))) return null;
  const branch = await git({ name: 'symbolic-ref.head', cwd: worktree, args: ['symbolic-ref', '--quiet', 'HEAD'], okExitCodes: [1], readOnly: true });
  if (branch.exitCode !== 0) {
    throw new EngineError('notABranch', `The worktree ${worktree} is not on a branch (detached HEAD), so a checkpoint commit would be lost. Check out the task's branch there and try again.`, { worktree });
  }
  await git({ name: 'checkpoint.add', cwd: worktree, args: [...engineSafeConfig, 'add', '-A', '--', '.'] });
  // Status can report changes that stage to nothing (a file mode git is told to ignore, say).
  const staged = await git({ name: 'checkpoint.staged', cwd: worktree, args: ['diff', '--cached', '--quiet', '--no-ext-diff'], okExitCodes: [1] });
  if (staged.exitCode === 0) return null;
  await git({
    name: 'checkpoint.commit',
    cwd: worktree,
    args: [...engineSafeConfig, 'commit', '--quiet', '--no-verify', '--no-edit', '--cleanup=verbatim', '-m', message.trim() === '' ? 'flotilla: checkpoint' : message],
    env: await commitIdentity(worktree),
  });
  return { commit: await headCommit(worktree) };
}
