import { EngineError } from '../errors.js';
import { commitTree } from '../git/commit.js';
import { git } from '../git/git.js';
import { mergeTrees } from '../git/merge-tree.js';
import { branchTip, headCommit } from '../git/refs.js';
import { engineSafeConfig } from '../git/safe-config.js';

/** What bringing a base branch into a task branch needs. */
export interface BringInBaseRequest {
  repoPath: string;
  /** The task's worktree; it must be clean (checkpoint first). */
  worktree: string;
  /** The task branch, for the commit message. */
  branch: string;
  base: string;
}

/** What came of it: nothing to do, a clean merge commit, or one holding conflict markers in `conflicts`. */
export type BringInBaseOutcome =
  { kind: 'upToDate' } | { kind: 'merged' | 'conflicts'; commit: string; baseCommit: string; conflicts: string[] };

/** The commit the base branch points at; throws notABranch for tags, commits and unknown names. */
async function baseTip(repoPath: string, base: string): Promise<string> {
  const commit = await branchTip(repoPath, base);
  if (!commit)
    throw new EngineError('notABranch', `${base} is not a local branch; choose the branch to bring in.`, {
      into: base,
    });
  return commit;
}

/**
 * Brings a base branch into a task branch: the merge is computed in the object store, committed
 * with both parents (files that conflict keep git's conflict markers), and the clean worktree is
 * fast-forwarded to it. Nothing is lost: the worktree was checkpointed and fast-forward refuses to
 * overwrite anything.
 */
export async function bringInBase(request: BringInBaseRequest): Promise<BringInBaseOutcome> {
  const baseCommit = await baseTip(request.repoPath, request.base);
  const head = await headCommit(request.worktree);
  const contained = await git({
    name: 'merge-base.isAncestor',
    cwd: request.worktree,
    args: ['merge-base', '--is-ancestor', baseCommit, head],
    okExitCodes: [1],
    readOnly: true,
  });
  if (contained.exitCode === 0) return { kind: 'upToDate' };
  // Branch names rather than hashes label the conflict markers, so people and agents can read them;
  // both names are then checked to still be the commits this merge is about.
  const merged = await mergeTrees(request.worktree, request.branch, request.base);
  const [branchNow, baseNow] = await Promise.all([
    headCommit(request.worktree),
    baseTip(request.repoPath, request.base),
  ]);
  if (branchNow !== head || baseNow !== baseCommit) {
    throw new EngineError('baseMoved', `${request.base} or the task branch moved while bringing it in; try again.`);
  }
  const conflicts = merged.clean ? [] : merged.conflicts;
  const message =
    conflicts.length === 0
      ? `Merge ${request.base} into ${request.branch}`
      : `Merge ${request.base} into ${request.branch} (conflicts to resolve)\n\nConflict markers were left in:\n${conflicts.map((file) => `  ${file}`).join('\n')}`;
  const commit = await commitTree(request.worktree, merged.tree, [head, baseCommit], message);
  await git({
    name: 'merge.fastForwardTask',
    cwd: request.worktree,
    args: [...engineSafeConfig, 'merge', '--ff-only', '--quiet', commit],
  }).catch((error: unknown) => {
    throw new EngineError(
      'checkoutDirty',
      `Could not update the task's worktree to the merge: ${error instanceof Error ? error.message : String(error)}. Its files changed meanwhile; try again.`,
    );
  });
  return { kind: conflicts.length === 0 ? 'merged' : 'conflicts', commit, baseCommit, conflicts };
}
