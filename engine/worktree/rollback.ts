import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { engineSafeConfig } from '../git/safe-config.js';
import { gitCommonDir } from '../git/common-dir.js';
import { withRepoLock } from '../git/repo-lock.js';
import { headCommit, symbolicHead } from '../git/refs.js';
import { archiveRefFor } from './archive.js';
import { shortCommit } from './base-checkout.js';
import { hasChanges } from './checkpoint.js';

/** Which task to roll back, and to which of its commits. */
export interface RollbackInput {
  /** The user's repository (its main checkout or any folder inside it). */
  repoPath: string;
  /** The task's worktree, on `branch`, with nothing left uncommitted (checkpoint first). */
  worktree: string;
  branch: string;
  taskId: string;
  /** The full commit to move the branch to (one of the task's checkpoints). */
  commit: string;
}

/** Where the branch was and the ref that now keeps it. */
export interface RollbackResult {
  from: string;
  archiveRef: string;
}

/** The ref a rollback keeps the later work under: next to the discard archive, one per rollback. */
export function rollbackRefFor(taskId: string, at: Date = new Date()): string {
  return `${archiveRefFor(taskId)}-rollback-${at.toISOString().replace(/[-:.]/g, '')}`;
}

/**
 * Moves the task branch back to `commit` and resets the worktree to it. The branch's tip before
 * that is kept under a new ref (refs/flotilla/archive/<task>-rollback-<time>) first, so every later
 * commit stays reachable. Refuses, changing nothing, when the worktree is not on the task branch
 * or holds anything uncommitted (the caller checkpoints first; an edit made since is not thrown away).
 * Ignored files (build output, node_modules) stay as they are.
 */
export async function rollbackBranch(input: RollbackInput): Promise<RollbackResult> {
  const { worktree, branch, commit, taskId } = input;
  return withRepoLock(await gitCommonDir(input.repoPath), async () => {
    if ((await symbolicHead(worktree)) !== `refs/heads/${branch}`) {
      throw new EngineError(
        'notABranch',
        `The worktree ${worktree} is not on the task branch ${branch}, so Flotilla will not move it. Check out ${branch} there and roll back again.`,
        { worktree, branch },
      );
    }
    if (await hasChanges(worktree)) {
      throw new EngineError(
        'worktreeChanged',
        `The worktree ${worktree} changed while rolling back, so nothing was moved. Roll back again: the new changes are checkpointed first.`,
        { worktree },
      );
    }
    const from = await headCommit(worktree);
    if (from === commit)
      throw new EngineError(
        'invalidInput',
        `Task ${taskId} is already at checkpoint ${shortCommit(commit)}; there is nothing to roll back.`,
        { commit },
      );
    const archiveRef = rollbackRefFor(taskId);
    // Keep the later work before moving anything: "create" fails rather than overwrite a ref.
    await git({
      name: 'rollback.archive',
      cwd: input.repoPath,
      args: ['update-ref', '--stdin', '-m', `flotilla: roll back task ${taskId}`],
      input: `create ${archiveRef} ${from}\n`,
    });
    await git({
      name: 'rollback.reset',
      cwd: worktree,
      args: [...engineSafeConfig, 'reset', '--hard', '--quiet', commit],
    });
    return { from, archiveRef };
  });
}
