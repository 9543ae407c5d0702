import type { CommandResult } from '../../shared/commands.js';
import { defaultMergeMessage, finalAgentMessage } from '../../shared/merge-message.js';
import type { Task } from '../../shared/task.js';
import type { CommandInput, EngineContext } from '../engine-context.js';
import { EngineError, toErrorData } from '../errors.js';
import { readEventLog } from '../store/event-log.js';
import { mergeTask } from '../worktree/merge.js';
import { previewMergeWithChanges, type MergedChanges } from '../worktree/merge-preview.js';
import { removeMergedWorktree } from '../worktree/remove-merged.js';
import { mergeChecks, requireVerifiedTip } from '../verify/merge-checks.js';
import { recordSiblingMerged } from './siblings.js';
import { guardTask } from './task-guard.js';
import type { TaskRecord } from './task-record.js';

/** What merging the task would do, with the commit message it would get. */
export async function previewTaskMerge(
  context: EngineContext,
  { taskId, into }: CommandInput<'task/mergePreview'>,
): Promise<CommandResult<'task/mergePreview'>> {
  const { record, entry, worktree } = await guardTask(context, taskId, {
    action: 'preview the merge',
    worktree: 'review',
    idle: false,
  });
  const { preview, changes } = await previewMergeWithChanges({
    repoPath: entry.repo.path,
    worktree,
    into: mergeTarget(record.task, into),
    conflictFiles: record.task.conflictFiles,
  });
  const checks = await mergeChecks(record.task, entry, worktree);
  return { preview: { ...preview, suggestedMessage: suggestedMessage(record, changes), checks } };
}

/**
 * Merges an idle task's branch into its target (checkpointing first), tells its siblings, and removes the worktree if
 * asked.
 */
export async function mergeTaskBranch(
  context: EngineContext,
  params: CommandInput<'task/merge'>,
): Promise<CommandResult<'task/merge'>> {
  const { taskId, into, mode, message, intoCommit, removeWorktree, forceUnverified } = params;
  let target = '';
  const { record, entry, worktree } = await guardTask(context, taskId, {
    action: 'merge',
    worktree: 'review',
    idle: true,
    checkpoint: (task) => {
      target = mergeTarget(task, into);
      return 'flotilla: checkpoint before merge';
    },
  });
  await requireVerifiedTip(record.task, entry, worktree, forceUnverified ?? false);
  const text = message?.trim() || ((changes: MergedChanges) => suggestedMessage(record, changes));
  const result = await mergeTask({
    repoPath: entry.repo.path,
    worktree,
    into: target,
    mode: mode ?? 'squash',
    message: text,
    conflictFiles: record.task.conflictFiles,
    ...(intoCommit ? { expectedIntoCommit: intoCommit } : {}),
  });
  context.store.record(taskId, { type: 'merged', commit: result.commit, into: result.into, mode: mode ?? 'squash' });
  context.store.setStatus(taskId, 'merged');
  recordSiblingMerged(context, record, result.into, result.commit);
  const removedWorktree =
    (removeWorktree ?? context.config.settings.removeWorktreeAfterMerge)
      ? await removeAfterMerge(context, record, entry.repo.path)
      : null;
  return { task: record.task, commit: result.commit, into: result.into, removedWorktree };
}

/** Removes a merged task's worktree (checkpointing first), keeping its branch. */
export async function removeTaskWorktree(
  context: EngineContext,
  taskId: string,
): Promise<CommandResult<'task/removeWorktree'>> {
  const { record, entry } = await guardTask(context, taskId, {
    action: 'remove its worktree',
    worktree: 'removable',
    idle: false,
    checkpoint: 'flotilla: checkpoint before removing the worktree',
  });
  const removedWorktree = await removeWorktreeOf(context, record, entry.repo.path);
  return { task: record.task, removedWorktree };
}

/**
 * The branch a task merges into: the one asked for, else the branch it started from; a clear error when it started from
 * no branch.
 */
export function mergeTarget(task: Task, into: string | undefined): string {
  const target = into ?? task.baseBranch;
  if (!target) {
    throw new EngineError(
      'notABranch',
      `Task ${task.id} started from ${task.baseRef}, which is not a branch. Choose a branch to merge into (--into <branch>).`,
    );
  }
  return target;
}

/**
 * The commit message a merge of this task gets unless the user writes one (the same text the merge dialog starts from).
 */
function suggestedMessage(record: TaskRecord, changes: MergedChanges): string {
  const { id, prompt, branch, agent, model } = record.task;
  return defaultMergeMessage({
    taskId: id,
    prompt,
    branch,
    agent,
    model,
    changes,
    finalMessage: finalAgentMessage(readEventLog(record.log.path).events),
  });
}

/** Removes a merged task's worktree, keeping its branch, and records it; returns the folder removed. */
async function removeWorktreeOf(context: EngineContext, record: TaskRecord, repoPath: string): Promise<string> {
  const { id, worktreePath, branch } = record.task;
  await context.terminals.closeTask(id);
  await removeMergedWorktree({ repoPath, worktree: worktreePath, branch, worktreesRoot: context.worktreesRoot });
  context.store.record(id, { type: 'worktree.removed', worktreePath, branch });
  return worktreePath;
}

/** After a merge: the folder removed, or null when it was kept (the merge stands, and the thread says why). */
async function removeAfterMerge(context: EngineContext, record: TaskRecord, repoPath: string): Promise<string | null> {
  try {
    return await removeWorktreeOf(context, record, repoPath);
  } catch (error) {
    context.store.record(record.task.id, {
      type: 'notice',
      level: 'warning',
      message: `Merged, but the worktree was kept: ${toErrorData(error).message}`,
    });
    return null;
  }
}
