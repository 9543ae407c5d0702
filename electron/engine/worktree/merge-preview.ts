import type { MergePreview } from '../../../shared/diff.js';
import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { snapshotCommit } from '../git/snapshot.js';
import { filesWithConflictMarkers } from './merge-base.js';

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

/** A merge computed in the object store only: the merged tree and the paths that conflict. */
export interface MergedTree {
  tree: string;
  /** False when git reported conflicts, even if it named no path. */
  clean: boolean;
  conflicts: string[];
}

/** The commit a local branch points at; throws notABranch for tags, commits and unknown names. */
export async function branchCommit(repoPath: string, into: string): Promise<string> {
  const ref = `refs/heads/${into}`;
  // A valid ref name cannot hold revision syntax (`..`, `^`, `@{`), so rev-parse below reads exactly this ref.
  const format = await git({ name: 'check-ref-format.branch', cwd: repoPath, args: ['check-ref-format', ref], okExitCodes: [1], readOnly: true });
  const found =
    format.exitCode === 0 && into.length > 0
      ? await git({ name: 'rev-parse.branch', cwd: repoPath, args: ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], okExitCodes: [1], readOnly: true })
      : null;
  const commit = found?.exitCode === 0 ? found.stdout.trim() : '';
  if (!commit) throw new EngineError('notABranch', `${into} is not a local branch; choose a branch to merge into.`, { into });
  return commit;
}

/**
 * Merges two commits with `merge-tree --write-tree`: writes only objects, never an index or a
 * working tree. The tree holds conflict markers when `conflicts` is not empty.
 */
export async function mergeTrees(repoPath: string, intoCommit: string, taskCommit: string): Promise<MergedTree> {
  const out = await git({
    name: 'merge-tree',
    cwd: repoPath,
    args: ['merge-tree', '--write-tree', '-z', '--name-only', '--no-messages', intoCommit, taskCommit],
    okExitCodes: [1],
  });
  const [tree = '', ...paths] = out.stdout.split('\0').filter((entry) => entry.length > 0);
  return { tree: tree.trim(), clean: out.exitCode === 0, conflicts: [...new Set(paths)].sort() };
}

/** How many files differ between a commit's tree and another tree. */
export async function countChangedFiles(repoPath: string, fromCommit: string, tree: string): Promise<number> {
  const out = await git({ name: 'diff-tree.names', cwd: repoPath, args: ['diff-tree', '-r', '-z', '--name-only', '--no-renames', fromCommit, tree], readOnly: true });
  return out.stdout.split('\0').filter((entry) => entry.length > 0).length;
}

/**
 * Shows what merging a task into a branch would do, touching no working tree and no index.
 * The task side is a snapshot of its branch plus its working tree (uncommitted and untracked files).
 */
export async function previewMerge(target: MergeTarget): Promise<MergePreview> {
  const intoCommit = await branchCommit(target.repoPath, target.into);
  const taskCommit = await snapshotCommit(target.worktree);
  const merged = await mergeTrees(target.repoPath, intoCommit, taskCommit);
  return {
    clean: merged.clean,
    conflicts: merged.conflicts,
    into: target.into,
    intoCommit,
    taskCommit,
    filesChanged: await countChangedFiles(target.repoPath, intoCommit, merged.tree),
    unresolved: await filesWithConflictMarkers(target.worktree, taskCommit, target.conflictFiles ?? []),
  };
}
