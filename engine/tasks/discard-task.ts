import type { Task } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { branchExists } from '../git/refs.js';
import { assertFolder } from '../store/engine-config.js';
import { archiveAndRemove, restoreFromArchive } from '../worktree/archive.js';

/**
 * Stops a task and archives its work (worktree and branch) under an archive ref; nothing is deleted that cannot be
 * restored.
 */
export async function discardTask(context: EngineContext, taskId: string): Promise<Task> {
  const record = context.store.require(taskId);
  if (record.task.status === 'discarded') {
    throw new EngineError(
      'taskDiscarded',
      `Task ${taskId} is already discarded. Its work is kept under ${record.task.archiveRef ?? 'its archive ref'}; restore it with \`flotilla restore ${taskId}\`.`,
    );
  }
  await context.runner.stop(taskId);
  const entry = context.config.requireRepo(record.task.repoId);
  assertFolder(entry);
  // A merged task whose worktree was removed still has its branch (unless deleted by hand): that goes into the archive
  // too.
  const branchOnly =
    !record.task.hasWorktree &&
    record.task.mergedCommit !== null &&
    (await branchExists(entry.repo.path, record.task.branch));
  if (record.task.hasWorktree || branchOnly) {
    // Shells in the worktree end before it goes (a shell's open folder would keep it on some systems).
    await context.terminals.closeTask(taskId);
    const archived = await archiveAndRemove({
      repoPath: entry.repo.path,
      worktree: record.task.worktreePath,
      branch: record.task.branch,
      taskId,
      worktreesRoot: context.worktreesRoot,
      commonDir: entry.commonDir,
    });
    context.store.record(taskId, { type: 'discarded', archiveRef: archived.archiveRef, commit: archived.commit });
  }
  context.store.setStatus(taskId, 'discarded');
  return record.task;
}

/** Brings a discarded task's branch and worktree back from its archive. */
export async function restoreTask(context: EngineContext, taskId: string): Promise<Task> {
  const record = context.store.require(taskId);
  if (record.task.status !== 'discarded') {
    throw new EngineError(
      'invalidInput',
      `Task ${taskId} is ${record.task.status}, not discarded; there is nothing to restore.`,
    );
  }
  const entry = context.config.requireRepo(record.task.repoId);
  assertFolder(entry);
  if (record.task.archiveRef) {
    await restoreFromArchive({
      repoPath: entry.repo.path,
      taskId,
      branch: record.task.branch,
      worktree: record.task.worktreePath,
    });
    context.store.record(taskId, {
      type: 'restored',
      branch: record.task.branch,
      worktreePath: record.task.worktreePath,
    });
  }
  context.store.setStatus(taskId, record.task.mergedCommit ? 'merged' : 'done');
  return record.task;
}
