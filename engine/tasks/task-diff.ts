import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskDiff } from '../../shared/diff.js';
import type { EngineContext } from '../engine-context.js';
import { assertFolder } from '../store/engine-config.js';
import { readEventLog } from '../store/event-log.js';
import { computeMergedDiff, computeTaskDiff } from '../worktree/diff.js';
import { requireWorktree } from './task-guard.js';
import type { TaskRecord } from './task-record.js';

/** A task's change against its base: from its worktree, or, once merged and removed, as it landed on its target. */
export async function diffTask(context: EngineContext, taskId: string): Promise<TaskDiff> {
  const record = context.store.require(taskId);
  if (record.task.status === 'merged' && !record.task.hasWorktree) return mergedDiffOf(context, record);
  const worktree = requireWorktree(record, 'review');
  try {
    return await computeTaskDiff({ worktree, baseRef: record.task.baseRef, baseCommit: record.task.baseCommit });
  } catch (error) {
    // Read while the merge removed the worktree: what git said about a half-removed folder is no news; the merged
    // change is.
    if (record.task.status === 'merged' && (!record.task.hasWorktree || !existsSync(join(worktree, '.git'))))
      return mergedDiffOf(context, record);
    throw error;
  }
}

/** A merged task's change as it landed on its target, read from the repository (its worktree is gone). */
async function mergedDiffOf(context: EngineContext, record: TaskRecord): Promise<TaskDiff> {
  const entry = context.config.requireRepo(record.task.repoId);
  assertFolder(entry);
  const merge = readEventLog(record.log.path).events.findLast((event) => event.type === 'merged');
  const { mergedCommit, branch, baseRef, baseCommit } = record.task;
  return computeMergedDiff({
    repoPath: entry.repo.path,
    mergedCommit: merge?.type === 'merged' ? merge.commit : mergedCommit,
    into: merge?.type === 'merged' ? merge.into : (record.task.baseBranch ?? null),
    mode: merge?.type === 'merged' ? merge.mode : null,
    branch,
    baseRef,
    baseCommit,
  });
}
