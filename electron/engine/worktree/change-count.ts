import type { ChangeCount } from '../../../shared/task.js';
import { git } from '../git/git.js';
import { headCommit } from '../git/snapshot.js';
import { findMergeBase, resolveTaskBase } from './task-base.js';

/** Which task to count: its worktree and the base it started from. */
export interface ChangeCountRequest {
  worktree: string;
  baseRef: string;
  baseCommit: string;
}

/**
 * How much the task's committed work (its branch's HEAD) changes against the merge-base with its
 * base: files, lines added and lines deleted, renames followed. Read-only; meant to run right
 * after a checkpoint, when nothing is left loose in the worktree.
 */
export async function countChanges(request: ChangeCountRequest): Promise<ChangeCount> {
  const { worktree, baseRef, baseCommit } = request;
  const [base, head] = await Promise.all([resolveTaskBase(worktree, baseRef, baseCommit), headCommit(worktree)]);
  const mergeBase = await findMergeBase(worktree, base, head, baseRef);
  const out = await git({
    name: 'diff.count',
    cwd: worktree,
    args: ['diff', '--numstat', '-z', '-M', '--no-color', '--no-ext-diff', '--no-textconv', mergeBase, head],
    readOnly: true,
  });
  return parseNumstat(out.stdout);
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
