import { EngineError } from '../errors.js';
import { gitCommonDir } from '../git/common-dir.js';
import { branchTip, headCommit } from '../git/refs.js';
import { withRepoLock } from '../git/repo-lock.js';
import { pruneWorktrees } from '../git/worktree-prune.js';
import { removeWorktree } from '../git/worktree-remove.js';
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
      await pruneWorktrees(input.repoPath);
      return;
    }
    const tip = await branchTip(input.repoPath, input.branch);
    if (tip === null || tip !== (await headCommit(owned.path))) {
      throw new EngineError(
        'worktreeChanged',
        `The worktree ${owned.path} is not at the tip of ${input.branch}, so it was kept. Check it out there, or remove it yourself once you are sure nothing in it is needed.`,
      );
    }
    if (await hasChanges(owned.path)) {
      throw new EngineError(
        'worktreeChanged',
        `The worktree ${owned.path} has changes made since the merge, so it was kept. Merge them too, or discard the task to archive them.`,
      );
    }
    // No --force: git itself refuses once more if anything untracked appeared meanwhile.
    await removeWorktree(input.repoPath, owned.path, { mode: 'clean' });
  });
}
