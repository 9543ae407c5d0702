import { git } from './git.js';
import { engineSafeConfig } from './safe-config.js';

/**
 * How hard to remove: `clean` lets git refuse when anything is uncommitted or untracked; `force` also removes changed
 * and locked worktrees.
 */
export type RemoveMode = 'clean' | 'force';

/**
 * Removes a linked worktree's folder and git's record of it, with the engine's safe config.
 * Returns false when git did not know the folder as a worktree and `ifPresent` was set; callers
 * prove ownership first and hold the repo lock.
 */
export async function removeWorktree(
  repoPath: string,
  path: string,
  options: { mode: RemoveMode; ifPresent?: boolean },
): Promise<boolean> {
  // Double force: also a locked worktree (a single --force leaves those).
  const force = options.mode === 'force' ? ['--force', '--force'] : [];
  const out = await git({
    name: 'worktree.remove',
    cwd: repoPath,
    args: [...engineSafeConfig, 'worktree', 'remove', ...force, path],
    okExitCodes: options.ifPresent ? [128] : [],
  });
  return out.exitCode === 0;
}
