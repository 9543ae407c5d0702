import { realpath } from 'node:fs/promises';
import { EngineError } from '../errors.js';
import { commitTree } from '../git/commit.js';
import { mergeTrees } from '../git/merge-tree.js';
import { moveBranch, treeOf } from '../git/refs.js';
import { withRepoLock } from '../git/repo-lock.js';
import { snapshotCommit } from '../git/snapshot.js';
import { gitCommonDir } from '../git/common-dir.js';
import { baseMovedError, fastForwardCheckout, findBranchCheckout } from './base-checkout.js';
import { filesWithConflictMarkers } from '../git/conflict-markers.js';
import { branchCommit, mergedChanges, type MergedChanges, type MergeTarget } from './merge-preview.js';

/** How the task lands on the target branch: one squashed commit, or a merge commit keeping the task's history. */
export type MergeMode = 'squash' | 'merge';

/** A request to merge a task into a local branch. */
export interface MergeRequest extends MergeTarget {
  mode: MergeMode;
  /** The new commit's message, or how to write it from what the merge changes; must not be empty. */
  message: string | ((changes: MergedChanges) => string);
  /** The preview's intoCommit: when given, the merge fails with baseMoved if the branch has moved since. */
  expectedIntoCommit?: string;
}

/** The commit a merge created and the branch that now points at it. */
export interface MergeOutcome {
  commit: string;
  into: string;
}

/** The parents of the new commit for each mode. */
function parentsFor(mode: MergeMode, intoCommit: string, taskCommit: string): string[] {
  switch (mode) {
    case 'squash':
      return [intoCommit];
    case 'merge':
      return [intoCommit, taskCommit];
    default: {
      const unknown: never = mode;
      throw new EngineError('invalidInput', `Unknown merge mode ${String(unknown)}; choose squash or merge.`);
    }
  }
}

/** Moves a branch nobody has checked out, only if it still points at `from` (compare-and-swap). */
async function moveTarget(repoPath: string, into: string, from: string, to: string): Promise<void> {
  const move = await moveBranch(repoPath, into, from, to, 'flotilla: merge');
  switch (move.kind) {
    case 'moved':
      return;
    case 'changed':
      throw baseMovedError(into, from, move.tip);
    case 'missing':
      throw new EngineError('notABranch', `${into} was deleted during the merge; choose a branch to merge into.`, {
        into,
      });
    default: {
      const never: never = move;
      throw new Error(`unknown branch move ${String(never)}`);
    }
  }
}

/**
 * Merges a task into a local branch without ever overwriting the user's work. The merged content
 * is a snapshot of the task's branch plus its working tree (uncommitted and untracked files);
 * callers that want those changes committed on the task branch checkpoint first. The merge is
 * computed in the object store; the branch then moves by compare-and-swap, or, when it is checked
 * out somewhere, by fast-forwarding that checkout, which refuses to overwrite uncommitted edits.
 */
export async function mergeTask(request: MergeRequest): Promise<MergeOutcome> {
  const { repoPath, worktree, into, mode, message, expectedIntoCommit } = request;
  if (typeof message === 'string' && !message.trim())
    throw new EngineError('invalidInput', 'The merge message is empty; write one and merge again.');
  await branchCommit(repoPath, into);
  const taskCommit = await snapshotCommit(worktree);
  const unresolved = await filesWithConflictMarkers(worktree, taskCommit, request.conflictFiles ?? []);
  if (unresolved.length > 0) {
    throw new EngineError(
      'mergeConflict',
      `This task still has conflict markers (<<<<<<< … >>>>>>>) from bringing in its base, in: ${unresolved.join(', ')}. Resolve them (or ask the agent to), then merge again.`,
      { files: unresolved, into },
    );
  }
  return withRepoLock(await gitCommonDir(repoPath), async () => {
    const intoCommit = await branchCommit(repoPath, into);
    if (expectedIntoCommit && intoCommit !== expectedIntoCommit)
      throw baseMovedError(into, expectedIntoCommit, intoCommit);
    const checkout = await findBranchCheckout(repoPath, into);
    if (checkout && (await realpath(checkout)) === (await realpath(worktree))) {
      throw new EngineError(
        'invalidInput',
        `The task's own worktree has ${into} checked out; choose another branch to merge into.`,
        { into },
      );
    }
    const merged = await mergeTrees(repoPath, intoCommit, taskCommit);
    if (!merged.clean) {
      const files = merged.conflicts;
      throw new EngineError(
        'mergeConflict',
        `Merging into ${into} conflicts in: ${files.join(', ') || 'files git did not name'}. Bring ${into} into the task and resolve them (Review → Merge… → "Bring in ${into}", or \`flotilla bring-in-base <task>\`), then merge again.`,
        { files, into, intoCommit, taskCommit },
      );
    }
    if (merged.tree === (await treeOf(repoPath, intoCommit))) {
      throw new EngineError(
        'invalidInput',
        `${into} already has every change in this task; there is nothing to merge.`,
        { into },
      );
    }
    const text =
      typeof message === 'string' ? message : message(await mergedChanges(repoPath, intoCommit, merged.tree));
    const commit = await commitTree(repoPath, merged.tree, parentsFor(mode, intoCommit, taskCommit), text);
    if (checkout) await fastForwardCheckout({ checkout, into, from: intoCommit, to: commit });
    else await moveTarget(repoPath, into, intoCommit, commit);
    return { commit, into };
  });
}
