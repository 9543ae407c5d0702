import { existsSync } from 'node:fs';
import { EngineError } from '../errors.js';
import { commitAll } from '../git/commit.js';
import { git } from '../git/git.js';
import { symbolicHead } from '../git/refs.js';
import { engineSafeConfig } from '../git/safe-config.js';

/** What to save: a task's worktree and the commit message to use. */
export interface CheckpointRequest {
  worktree: string;
  message: string;
}

function assertWorktree(worktree: string): void {
  if (!existsSync(worktree)) {
    throw new EngineError(
      'noWorktree',
      `The task's worktree ${worktree} no longer exists, so its changes cannot be saved. Discard the task or recreate it.`,
    );
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
  if ((await symbolicHead(worktree)) === null) {
    throw new EngineError(
      'notABranch',
      `The worktree ${worktree} is not on a branch (detached HEAD), so a checkpoint commit would be lost. Check out the task's branch there and try again.`,
      { worktree },
    );
  }
  const commit = await commitAll(worktree, message.trim() === '' ? 'flotilla: checkpoint' : message);
  return commit === null ? null : { commit };
}
