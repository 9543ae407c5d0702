import { commitTree } from '../git/commit.js';
import { git } from '../git/git.js';
import { snapshotTree, worktreeState } from '../git/snapshot.js';
import type { ChangeCountRequest } from './change-count.js';
import { findMergeBase, resolveTaskBase } from './task-base.js';

/** What a task's worktree changes against its base right now, loose files included. */
export interface WorkingFiles {
  /** Every path changed, added or deleted (both sides of a rename), sorted. */
  files: string[];
  /** The worktree's HEAD, and the tree of everything in the worktree (HEAD's own tree when nothing is loose). */
  head: string;
  tree: string;
  headTree: string;
}

/**
 * The files a task changes against the merge-base with its base, committed or not, without committing or touching
 * its index (the same snapshot the live change count takes).
 */
export async function changedFiles(request: ChangeCountRequest): Promise<WorkingFiles> {
  const { worktree, baseRef, baseCommit } = request;
  const [base, state] = await Promise.all([resolveTaskBase(worktree, baseRef, baseCommit), worktreeState(worktree)]);
  const [mergeBase, tree] = await Promise.all([
    findMergeBase(worktree, base, state.head, baseRef),
    snapshotTree(worktree, state.gitDir),
  ]);
  const out = await git({
    name: 'diff.names',
    cwd: worktree,
    args: ['diff', '--name-only', '-z', '--no-renames', '--no-color', '--no-ext-diff', mergeBase, tree],
    readOnly: true,
  });
  const files = [...new Set(out.stdout.split('\0').filter((path) => path.length > 0))].sort();
  return { files, head: state.head, tree, headTree: state.headTree };
}

/**
 * A commit holding the worktree's work as `changedFiles` saw it: HEAD itself when nothing is loose, else a commit of
 * the snapshot on top of HEAD that no branch points at (for a merge-tree, which takes commits).
 */
export async function workCommit(worktree: string, work: WorkingFiles): Promise<string> {
  if (work.tree === work.headTree) return work.head;
  return commitTree(worktree, work.tree, [work.head], 'Flotilla: uncommitted work, for an overlap check');
}
