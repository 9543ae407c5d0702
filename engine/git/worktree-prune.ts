import { git } from './git.js';
import { engineSafeConfig } from './safe-config.js';

/** Drops git's records of worktrees whose folders are gone (`git worktree prune`), with the engine's safe config. */
export async function pruneWorktrees(repoPath: string): Promise<void> {
  await git({ name: 'worktree.prune', cwd: repoPath, args: [...engineSafeConfig, 'worktree', 'prune'] });
}

/** Unlocks a worktree so it can be repaired or pruned; false when it was not locked (or not a worktree). */
export async function unlockWorktree(repoPath: string, path: string): Promise<boolean> {
  const out = await git({
    name: 'worktree.unlock',
    cwd: repoPath,
    args: [...engineSafeConfig, 'worktree', 'unlock', path],
    okExitCodes: [128],
  });
  return out.exitCode === 0;
}
