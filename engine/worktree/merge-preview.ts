import { realpath } from 'node:fs/promises';
import type { MergePreview } from '../../shared/diff.js';
import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { mergeTrees } from '../git/merge-tree.js';
import { branchTip } from '../git/refs.js';
import { snapshotCommit } from '../git/snapshot.js';
import { blockingFiles, findBranchCheckout } from './base-checkout.js';
import { parseChangeList } from './diff-parse.js';
import { filesWithConflictMarkers } from '../git/conflict-markers.js';

/** Which task to merge and which local branch to merge it into. */
export interface MergeTarget {
  /** The user's repository (its main checkout or any folder inside it). */
  repoPath: string;
  /** The task's worktree; its branch plus uncommitted and untracked files are what gets merged. */
  worktree: string;
  /** A local branch name, e.g. `main`. */
  into: string;
  /** Files left with conflict markers by bringing in the base; checked for markers still there. */
  conflictFiles?: readonly string[];
}

/** The commit a local branch to merge into points at; throws notABranch for tags, commits and unknown names. */
export async function branchCommit(repoPath: string, into: string): Promise<string> {
  const commit = await branchTip(repoPath, into);
  if (!commit)
    throw new EngineError('notABranch', `${into} is not a local branch; choose a branch to merge into.`, { into });
  return commit;
}

/** What a merge changes on its target: the paths (and which of them the target lacks), and the lines. */
export interface MergedChanges {
  files: string[];
  /** Paths the target does not have yet; an untracked or ignored file there would be overwritten. */
  added: string[];
  additions: number;
  deletions: number;
}

/**
 * What differs between a commit's tree and another tree, file by file (no rename detection: every path touched is
 * listed).
 */
export async function mergedChanges(repoPath: string, fromCommit: string, tree: string): Promise<MergedChanges> {
  const out = await git({
    name: 'diff-tree.changes',
    cwd: repoPath,
    args: ['diff-tree', '-r', '-z', '--raw', '--numstat', '--no-abbrev', '--no-renames', fromCommit, tree],
    readOnly: true,
  });
  const entries = parseChangeList(out.stdout);
  return {
    files: entries.map((entry) => entry.path),
    added: entries.filter((entry) => entry.status === 'added').map((entry) => entry.path),
    additions: entries.reduce((sum, entry) => sum + entry.additions, 0),
    deletions: entries.reduce((sum, entry) => sum + entry.deletions, 0),
  };
}

/** A merge preview and, for the commit message, what the merge changes. */
export interface PreviewResult {
  preview: MergePreview;
  changes: MergedChanges;
}

/**
 * Shows what merging a task into a branch would do, touching no working tree and no index:
 * conflicts, the files it changes, and the user's checkout of the target with any uncommitted
 * files there that the merge's fast-forward would have to overwrite (and so would refuse).
 * The task side is a snapshot of its branch plus its working tree (uncommitted and untracked files).
 * The suggested message is left empty for the caller, which knows the task, to fill in.
 */
export async function previewMerge(target: MergeTarget): Promise<MergePreview> {
  return (await previewMergeWithChanges(target)).preview;
}

/** previewMerge, also returning what the merge changes. */
export async function previewMergeWithChanges(target: MergeTarget): Promise<PreviewResult> {
  const intoCommit = await branchCommit(target.repoPath, target.into);
  const taskCommit = await snapshotCommit(target.worktree);
  const merged = await mergeTrees(target.repoPath, intoCommit, taskCommit);
  const changes = await mergedChanges(target.repoPath, intoCommit, merged.tree);
  const checkout = await findBranchCheckout(target.repoPath, target.into);
  const own = checkout !== null && (await realpath(checkout)) === (await realpath(target.worktree));
  const preview: MergePreview = {
    clean: merged.clean,
    conflicts: merged.conflicts,
    into: target.into,
    intoCommit,
    taskCommit,
    filesChanged: changes.files.length,
    unresolved: await filesWithConflictMarkers(target.worktree, taskCommit, target.conflictFiles ?? []),
    checkout: checkout && !own ? { path: checkout, blocking: await blockingFiles(checkout, changes) } : null,
    suggestedMessage: '',
    checks: null,
  };
  return { preview, changes };
}
