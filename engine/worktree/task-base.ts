import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { resolveCommit } from '../git/refs.js';

/** The commit a task's base names now, else the commit it started from; a typed error when both are gone. */
export async function resolveTaskBase(worktree: string, baseRef: string, baseCommit: string): Promise<string> {
  const base = (await resolveCommit(worktree, baseRef)) ?? (await resolveCommit(worktree, baseCommit));
  if (base) return base;
  throw new EngineError(
    'baseNotFound',
    `The task's base "${baseRef}" no longer exists and its starting commit ${baseCommit.slice(0, 12)} is gone too, so Flotilla cannot tell which changes are the task's. Restore the base branch, or merge or discard the task from its worktree by hand.`,
    { baseRef, baseCommit },
  );
}

/** Where the task's history meets its base: what the task's changes are counted against. */
export async function findMergeBase(worktree: string, base: string, head: string, baseRef: string): Promise<string> {
  const out = await git({
    name: 'merge-base.task',
    cwd: worktree,
    args: ['merge-base', base, head],
    okExitCodes: [1],
    readOnly: true,
  });
  const mergeBase = out.stdout.trim();
  if (out.exitCode === 0 && mergeBase) return mergeBase;
  throw new EngineError(
    'baseNotFound',
    `The task's branch shares no history with its base "${baseRef}", so there is no diff to show. Check that the base is the branch the task started from.`,
    { baseRef },
  );
}
