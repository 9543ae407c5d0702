import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { gitCommonDir } from '../git/common-dir.js';
import { withRepoLock } from '../git/repo-lock.js';
import { headCommit } from '../git/snapshot.js';
import { hasChanges } from './checkpoint.js';
import { assertOwnedWorktree } from './ownership.js';

/** Which worktree to remove after its task merged: the user's repo, the folder, its branch, FLOTILLA_HOME/worktrees. */
export interface RemoveMergedInput {
  repoPath: string;
  worktree: string;
  branch: string;
  worktreesRoot: string;
}

/**
 * Removes a merged task's worktree folder and git's record of it, keeping the branch, which holds
 * every commit the task made. Only a Flotilla-owned worktree passes, and only when nothing would
 * be lost: it must be on the task branch with no change since the last checkpoint (ignored files
 * such as build output go with it). Throws EngineError('worktreeChanged') otherwise.
 */
export async function removeMergedWorktree(input: RemoveMergedInput): Promise<void> {
  await withRepoLock(await gitCommonDir(input.repoPath), async () => {
    const owned = await assertOwnedWorktree(input);
    if (owned.kind === 'missing') {
      await git({ name: 'worktree.prune', cwd: input.repoPath, args: ['worktree', 'prune'] });
      return;
    }
    const tip = await git({ name: 'rev-parse.branch', cwd: input.repoPath, args: ['rev-parse', '--verify', '--quiet', `refs/heads/${input.branch}`], okExitCodes: [1], readOnly: true });
    if (tip.exitCode !== 0 || tip.stdout.trim() !== (await headCommit(owned.path))) {
      throw new EngineError('worktreeChanged', `The worktree ${owned.path} is not at the tip of ${input.branch}, so it was kept. Check it out there, or remove it yourself once you are sure nothing in it is needed.`);
    }
    if (await hasChanges(owned.path)) {
      throw new EngineError('worktreeChanged', `The worktree ${owned.path} has changes made since the merge, so it was kept. Merge them too, or discard the task to archive them.`);
    }
    // No --force: git itself refuses once more if anything untracked appeared meanwhile.
    await git({ name: 'worktree.remove', cwd: input.repoPath, args: ['worktree', 'remove', owned.path] });
  });
}
