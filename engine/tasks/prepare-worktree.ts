import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { TaskPhase } from '../../shared/task.js';
import type { RepoSettings } from '../../shared/repo.js';
import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { branchExists, deleteBranch } from '../git/refs.js';
import { withRepoLock } from '../git/repo-lock.js';
import { addWorktree, checkoutWorktree, type WorktreeBranch } from '../git/worktree-add.js';
import { pruneWorktrees } from '../git/worktree-prune.js';
import { removeWorktree } from '../git/worktree-remove.js';
import { createBranch, moveWorktree, pointHead } from '../git/worktree-move.js';
import { copyIncludedFiles } from './copy-included.js';
import { isInside } from './paths.js';
import { runSetupScript } from './setup-script.js';

/** What creating a task's worktree needs. */
export interface PrepareInput {
  repoPath: string;
  commonDir: string;
  worktreesRoot: string;
  worktree: string;
  branch: string;
  baseCommit: string;
  /** Check out `branch` as it is (a merged task whose worktree was removed) instead of creating it from the base. */
  existingBranch?: boolean;
  settings: RepoSettings;
  /** Takes a prepared worktree at the base commit from the repository's warm pool, if one is ready. */
  claim?(): Promise<string | null>;
  signal: AbortSignal;
  onPhase(
    phase: TaskPhase,
    state: 'started' | 'finished' | 'failed',
    durationMs: number | null,
    detail: string | null,
  ): void;
  onOutput(phase: TaskPhase, text: string): void;
}

/**
 * Creates a task's branch and worktree as a pipeline of timed phases (resolve base, add worktree,
 * copy included files, run setup script, ready). Any failure rolls everything back: no branch,
 * folder or worktree entry is left behind (an existing branch checked out again is kept).
 */
export async function prepareWorktree(input: PrepareInput): Promise<void> {
  let createdBranch = false;
  let fromPool = false;
  let moved = false;
  let pooled: string | null = null;
  const phase = async (name: TaskPhase, work: () => Promise<string | null>) => {
    if (input.signal.aborted) {
      const message = 'The task was stopped while its worktree was being created.';
      // Recorded as this phase failing, so the task no longer claims the worktree the rollback removes.
      input.onPhase(name, 'failed', 0, message);
      throw new EngineError('taskBusy', message);
    }
    input.onPhase(name, 'started', null, null);
    const started = performance.now();
    try {
      const detail = await work();
      input.onPhase(name, 'finished', Math.round(performance.now() - started), detail);
    } catch (error) {
      input.onPhase(
        name,
        'failed',
        Math.round(performance.now() - started),
        error instanceof Error ? error.message : String(error),
      );
      throw error;
    }
  };
  try {
    // A pooled worktree is checked out at the base commit already, so the commit is known to exist.
    pooled = input.existingBranch ? null : ((await input.claim?.()) ?? null);
    // The commit was resolved when the task was made (a pooled worktree is checked out at it), so it is only looked
    // up again when adding the worktree fails: a git process less on every creation.
    await phase('resolveBase', async () => input.baseCommit.slice(0, 12));
    await phase('addWorktree', async () => {
      const claimed = pooled;
      if (claimed !== null) {
        await withRepoLock(input.commonDir, async () => {
          if (existsSync(input.worktree))
            throw new EngineError(
              'unsafePath',
              `${input.worktree} already exists; Flotilla will not reuse a folder it did not create.`,
            );
          // Same commit, files and index as prepared: only the folder's place and HEAD change. The branch (a ref in
          // the common dir) and the folder's move touch different files, so they run at once; both settle before
          // anything else so a rollback never races either.
          const [move, branch] = await Promise.allSettled([
            moveWorktree(input.repoPath, claimed, input.worktree),
            createBranch(input.repoPath, input.branch, input.baseCommit),
          ]);
          moved = move.status === 'fulfilled';
          createdBranch = branch.status === 'fulfilled';
          if (move.status === 'rejected') throw move.reason;
          if (branch.status === 'rejected') throw branch.reason;
          await pointHead(input.worktree, input.branch);
        });
        fromPool = true;
        return `${input.worktree} (prepared in the warm pool)`;
      }
      await withRepoLock(input.commonDir, async () => {
        if (existsSync(input.worktree))
          throw new EngineError(
            'unsafePath',
            `${input.worktree} already exists; Flotilla will not reuse a folder it did not create.`,
          );
        if (input.existingBranch) await assertBranchKept(input.repoPath, input.branch);
        const target: WorktreeBranch = input.existingBranch
          ? { kind: 'existing', branch: input.branch }
          : { kind: 'new', branch: input.branch, startPoint: input.baseCommit };
        await addWorktree({ repoPath: input.repoPath, path: input.worktree, target, checkout: false }).catch(
          async (error: unknown) => {
            if (!input.existingBranch) await assertBaseKept(input.repoPath, input.baseCommit);
            throw error;
          },
        );
        createdBranch = !input.existingBranch;
      });
      // The checkout only touches the new worktree's own index, so it runs outside the repo lock
      // and parallel task creations overlap.
      await checkoutWorktree(input.worktree);
      return input.worktree;
    });
    await phase('copyFiles', async () => {
      if (fromPool) return 'copied in the warm pool';
      const copied = await copyIncludedFiles(input.repoPath, input.worktree, input.settings.includePatterns);
      return copied.length ? `copied ${copied.join(', ')}` : 'no files matched';
    });
    await phase('setup', async () => {
      if (!input.settings.setupScript.trim()) return 'no setup script';
      if (fromPool) return 'setup script succeeded in the warm pool';
      await runSetupScript(
        input.settings.setupScript,
        input.worktree,
        (text) => input.onOutput('setup', text),
        input.signal,
      );
      return 'setup script succeeded';
    });
    await phase('ready', async () => null);
  } catch (error) {
    await rollbackWorktree({ ...input, deleteBranch: createdBranch });
    // A claimed pool worktree that never moved into place goes too, rather than lingering until the next start.
    const unused: string | null = pooled;
    if (unused !== null && !moved) await rollbackWorktree({ ...input, worktree: unused, deleteBranch: false });
    throw error;
  }
}

/** Says what to do when the task's base commit is no longer in the repository (a rewritten branch, then gc). */
async function assertBaseKept(repoPath: string, baseCommit: string): Promise<void> {
  const kept = await git({
    name: 'base.check',
    cwd: repoPath,
    args: ['cat-file', '-e', `${baseCommit}^{commit}`],
    readOnly: true,
  }).then(
    () => true,
    () => false,
  );
  if (!kept)
    throw new EngineError(
      'notFound',
      `The base commit ${baseCommit.slice(0, 12)} is no longer in ${repoPath}, so the task's worktree cannot start there. Start a new task from the current base instead.`,
      { commit: baseCommit },
    );
}

/** Refuses, saying what to do, when the branch a merged task would go on from was deleted. */
async function assertBranchKept(repoPath: string, branch: string): Promise<void> {
  if (!(await branchExists(repoPath, branch))) {
    throw new EngineError(
      'notFound',
      `The branch ${branch} was deleted, so this merged task cannot go on from it. Start a new task with "Run again…" instead.`,
      { branch },
    );
  }
}

/** Removes a half-made worktree: its folder (only inside the worktrees root), git's entry and the branch. */
export async function rollbackWorktree(input: {
  repoPath: string;
  commonDir: string;
  worktreesRoot: string;
  worktree: string;
  branch: string;
  deleteBranch: boolean;
}): Promise<void> {
  await withRepoLock(input.commonDir, async () => {
    if (!isInside(input.worktreesRoot, input.worktree)) return;
    await removeWorktree(input.repoPath, input.worktree, { mode: 'force', ifPresent: true });
    await rm(input.worktree, { recursive: true, force: true });
    await pruneWorktrees(input.repoPath);
    if (input.deleteBranch) await deleteBranch(input.repoPath, input.branch);
  });
}
