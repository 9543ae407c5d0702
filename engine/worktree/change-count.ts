import type { ChangeCount } from '../../shared/task.js';
import { git } from '../git/git.js';
import { headCommit } from '../git/refs.js';
import { snapshotTree, worktreeState } from '../git/snapshot.js';
import { findMergeBase, resolveTaskBase } from './task-base.js';

/** Which task to count: its worktree and the base it started from. */
export interface ChangeCountRequest {
  worktree: string;
  baseRef: string;
  baseCommit: string;
  /** The worktree's HEAD when the caller knows it (the checkpoint just made); read otherwise. */
  head?: string | undefined;
}

/**
 * How much the task's committed work (its branch's HEAD) changes against the merge-base with its
 * base: files, lines added and lines deleted, renames followed. Read-only; meant to run right
 * after a checkpoint, when nothing is left loose in the worktree.
 */
export async function countChanges(request: ChangeCountRequest): Promise<ChangeCount> {
  const { worktree, baseRef, baseCommit } = request;
  const [base, head] = await Promise.all([
    resolveTaskBase(worktree, baseRef, baseCommit),
    request.head ?? headCommit(worktree),
  ]);
  return numstat(worktree, await findMergeBase(worktree, base, head, baseRef), head);
}

/**
 * The same count for the worktree as it is now, loose files included (untracked but not ignored),
 * without committing or touching its index: for keeping the count current while an agent works.
 */
export async function countWorkingChanges(request: ChangeCountRequest): Promise<ChangeCount> {
  const { worktree, baseRef, baseCommit } = request;
  const [base, state] = await Promise.all([resolveTaskBase(worktree, baseRef, baseCommit), worktreeState(worktree)]);
  const [mergeBase, tree] = await Promise.all([
    findMergeBase(worktree, base, state.head, baseRef),
    snapshotTree(worktree, state.gitDir),
  ]);
  return numstat(worktree, mergeBase, tree);
}

async function numstat(worktree: string, from: string, to: string): Promise<ChangeCount> {
  const out = await git({
    name: 'diff.count',
    cwd: worktree,
    args: ['diff', '--numstat', '-z', '-M', '--no-color', '--no-ext-diff', '--no-textconv', from, to],
    readOnly: true,
  });
  return parseNumstat(out.stdout);
}

/** True when two counts say the same (null for none). */
export function sameCount(a: ChangeCount | null, b: ChangeCount | null): boolean {
  return (
    a === b ||
    (a !== null && b !== null && a.files === b.files && a.additions === b.additions && a.deletions === b.deletions)
  );
}

/**
 * Sums `git diff --numstat -z` output. Each record is "added\tdeleted\tpath" NUL, or for a rename
 * "added\tdeleted\t" NUL old NUL new NUL; binary files count as a file with no lines ("-\t-").
 */
export function parseNumstat(text: string): ChangeCount {
  const count: ChangeCount = { files: 0, additions: 0, deletions: 0 };
  const fields = text.split('\0');
  for (let index = 0; index < fields.length; index++) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(fields[index] ?? '');
    if (!match) continue;
    count.files += 1;
    if (match[1] !== '-') count.additions += Number(match[1]);
    if (match[2] !== '-') count.deletions += Number(match[2]);
    // A rename leaves the path empty and puts the old and new paths in the next two fields.
    if (match[3] === '') index += 2;
  }
  return count;
}
