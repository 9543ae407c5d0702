import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskDiff } from '../../shared/diff.js';
import { defaultMergeMessage, finalAgentMessage } from '../../shared/merge-message.js';
import { isActive, type Task } from '../../shared/task.js';
import { readEventLog } from '../store/event-log.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError, toErrorData } from '../errors.js';
import { changesOf, checkpointTurn } from '../tasks/run-turn.js';
import { recordSiblingMerged } from '../tasks/siblings.js';
import type { TaskRecord } from '../tasks/task-record.js';
import { archiveAndRemove, restoreFromArchive } from '../worktree/archive.js';
import { computeMergedDiff, computeTaskDiff } from '../worktree/diff.js';
import { mergeTask } from '../worktree/merge.js';
import { previewMergeWithChanges, type MergedChanges } from '../worktree/merge-preview.js';
import { pushBranch } from '../worktree/push.js';
import { removeMergedWorktree } from '../worktree/remove-merged.js';
import { mergeBaseIntoTask } from '../worktree/merge-base.js';
import { branchExists } from '../repos/branches.js';
import type { Handlers } from './handler.js';
import { assertFolder, requireRepo } from './repo-commands.js';
import { requireTask, sendToAgent } from './task-commands.js';

function requireWorktree(record: TaskRecord): string {
  if (record.task.status === 'discarded') {
    throw new EngineError('taskDiscarded', `Task ${record.task.id} was discarded. Restore it first (\`flotilla restore ${record.task.id}\`).`);
  }
  if (record.task.status === 'merged' && !record.task.hasWorktree) {
    throw new EngineError('noWorktree', `Task ${record.task.id} was merged and its worktree removed; its branch ${record.task.branch} is kept. Send the task a message to bring the worktree back and go on.`);
  }
  if (!record.task.hasWorktree || !existsSync(record.task.worktreePath)) {
    throw new EngineError('noWorktree', `Task ${record.task.id} has no worktree yet (status: ${record.task.status}). Wait for it to start, or send it a message to retry.`);
  }
  return record.task.worktreePath;
}

/** A merged task's change as it landed on its target, read from the repository (its worktree is gone). */
async function mergedDiffOf(context: EngineContext, record: TaskRecord): Promise<TaskDiff> {
  const entry = requireRepo(context, record.task.repoId);
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

/** Removes a merged task's worktree, keeping its branch, and records it; returns the folder removed. */
async function removeWorktreeOf(context: EngineContext, record: TaskRecord, repoPath: string): Promise<string> {
  const { id, worktreePath, branch } = record.task;
  await removeMergedWorktree({ repoPath, worktree: worktreePath, branch, worktreesRoot: context.worktreesRoot });
  context.record(id, { type: 'worktree.removed', worktreePath, branch });
  return worktreePath;
}

/** After a merge: the folder removed, or null when it was kept (the merge stands, and the thread says why). */
async function removeAfterMerge(context: EngineContext, record: TaskRecord, repoPath: string): Promise<string | null> {
  try {
    return await removeWorktreeOf(context, record, repoPath);
  } catch (error) {
    context.record(record.task.id, { type: 'notice', level: 'warning', message: `Merged, but the worktree was kept: ${toErrorData(error).message}` });
    return null;
  }
}

/** The commit message a merge of this task gets unless the user writes one (the same text the merge dialog starts from). */
function suggestedMessage(record: TaskRecord, changes: MergedChanges): string {
  const { id, prompt, branch, agent, model } = record.task;
  return defaultMergeMessage({ taskId: id, prompt, branch, agent, model, changes, finalMessage: finalAgentMessage(readEventLog(record.log.path).events) });
}

function mergeTarget(task: Task, into: string | undefined): string {
  const target = into ?? task.baseBranch;
  if (!target) {
    throw new EngineError('notABranch', `Task ${task.id} started from ${task.baseRef}, which is not a branch. Choose a branch to merge into (--into <branch>).`);
  }
  return target;
}

/** What the agent is asked when bringing in the base left conflict markers. */
export function resolveConflictsPrompt(base: string, files: readonly string[]): string {
  return [
    `I merged the latest \`${base}\` into this branch. These files now hold git conflict markers (<<<<<<<, =======, >>>>>>>) where both sides changed the same lines:`,
    ...files.map((file) => `- ${file}`),
    '',
    `Resolve every conflict so that both ${base}'s changes and this task's changes are kept as intended, remove all the markers, and check that the code still builds and its tests pass. Do not run git commands: Flotilla commits your changes.`,
  ].join('\n');
}

/** Review commands: diff, merge preview, merge, bring in the base, push, discard, restore. */
export const reviewCommands: Handlers<'task/diff' | 'task/mergePreview' | 'task/merge' | 'task/mergeBase' | 'task/push' | 'task/removeWorktree' | 'task/discard' | 'task/restore'> = {
  async 'task/diff'(context, { taskId }) {
    const record = requireTask(context, taskId);
    if (record.task.status === 'merged' && !record.task.hasWorktree) return { diff: await mergedDiffOf(context, record) };
    const worktree = requireWorktree(record);
    try {
      return { diff: await computeTaskDiff({ worktree, baseRef: record.task.baseRef, baseCommit: record.task.baseCommit }) };
    } catch (error) {
      // Read while the merge removed the worktree: what git said about a half-removed folder is no news; the merged change is.
      if (record.task.status === 'merged' && (!record.task.hasWorktree || !existsSync(join(worktree, '.git')))) return { diff: await mergedDiffOf(context, record) };
      throw error;
    }
  },
  async 'task/mergePreview'(context, { taskId, into }) {
    const record = requireTask(context, taskId);
    const worktree = requireWorktree(record);
    const entry = requireRepo(context, record.task.repoId);
    assertFolder(entry);
    const { preview, changes } = await previewMergeWithChanges({ repoPath: entry.repo.path, worktree, into: mergeTarget(record.task, into), conflictFiles: record.task.conflictFiles });
    return { preview: { ...preview, suggestedMessage: suggestedMessage(record, changes) } };
  },
  async 'task/merge'(context, { taskId, into, mode, message, intoCommit, removeWorktree }) {
    const record = requireTask(context, taskId);
    const worktree = requireWorktree(record);
    if (isActive(record.task.status)) {
      throw new EngineError('taskBusy', `Task ${taskId} is ${record.task.status}. Wait for its turn to end or stop it, then merge.`);
    }
    const entry = requireRepo(context, record.task.repoId);
    assertFolder(entry);
    const target = mergeTarget(record.task, into);
    await checkpointTurn(context, record, 'flotilla: checkpoint before merge');
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
    context.record(taskId, { type: 'merged', commit: result.commit, into: result.into, mode: mode ?? 'squash' });
    context.setStatus(taskId, 'merged');
    recordSiblingMerged(context, record, result.into, result.commit);
    const removedWorktree = (removeWorktree ?? context.settings.removeWorktreeAfterMerge) ? await removeAfterMerge(context, record, entry.repo.path) : null;
    return { task: record.task, commit: result.commit, into: result.into, removedWorktree };
  },
  async 'task/mergeBase'(context, { taskId, base, byHand }) {
    const record = requireTask(context, taskId);
    const worktree = requireWorktree(record);
    if (isActive(record.task.status)) {
      throw new EngineError('taskBusy', `Task ${taskId} is ${record.task.status}. Wait for its turn to end or stop it, then bring in its base.`);
    }
    const entry = requireRepo(context, record.task.repoId);
    assertFolder(entry);
    const target = mergeTarget(record.task, base);
    await checkpointTurn(context, record, `flotilla: checkpoint before bringing in ${target}`);
    const outcome = await mergeBaseIntoTask({ repoPath: entry.repo.path, worktree, branch: record.task.branch, base: target });
    if (outcome.kind === 'upToDate') return { task: record.task, outcome: 'upToDate', conflicts: [] };
    context.record(taskId, { type: 'base.merged', base: target, baseCommit: outcome.baseCommit, commit: outcome.commit, conflicts: outcome.conflicts, ...(await changesOf(record, outcome.commit)) });
    if (outcome.kind === 'conflicts' && !byHand) sendToAgent(context, record, resolveConflictsPrompt(target, outcome.conflicts));
    return { task: record.task, outcome: outcome.kind, conflicts: outcome.conflicts };
  },
  async 'task/push'(context, { taskId, remote }) {
    const record = requireTask(context, taskId);
    requireWorktree(record);
    if (isActive(record.task.status)) {
      throw new EngineError('taskBusy', `Task ${taskId} is ${record.task.status}. Wait for its turn to end or stop it, then push.`);
    }
    const entry = requireRepo(context, record.task.repoId);
    assertFolder(entry);
    await checkpointTurn(context, record, 'flotilla: checkpoint before push');
    const pushed = await pushBranch({ repoPath: entry.repo.path, branch: record.task.branch, baseBranch: record.task.baseBranch, ...(remote ? { remote } : {}) });
    context.record(taskId, { type: 'pushed', pushed });
    return { task: record.task, pushed };
  },
  async 'task/removeWorktree'(context, { taskId }) {
    const record = requireTask(context, taskId);
    if (record.task.status !== 'merged') {
      throw new EngineError('invalidInput', `Task ${taskId} is ${record.task.status}, not merged, so its worktree may hold work that exists nowhere else. Merge it first, or discard it to archive and remove the worktree.`);
    }
    if (!record.task.hasWorktree) throw new EngineError('noWorktree', `Task ${taskId} has no worktree to remove; its branch ${record.task.branch} keeps the work.`);
    const entry = requireRepo(context, record.task.repoId);
    assertFolder(entry);
    await checkpointTurn(context, record, 'flotilla: checkpoint before removing the worktree');
    const removedWorktree = await removeWorktreeOf(context, record, entry.repo.path);
    return { task: record.task, removedWorktree };
  },
  async 'task/discard'(context, { taskId }) {
    const record = requireTask(context, taskId);
    if (record.task.status === 'discarded') {
      throw new EngineError('taskDiscarded', `Task ${taskId} is already discarded. Its work is kept under ${record.task.archiveRef ?? 'its archive ref'}; restore it with \`flotilla restore ${taskId}\`.`);
    }
    await context.stop(taskId);
    const entry = requireRepo(context, record.task.repoId);
    assertFolder(entry);
    // A merged task whose worktree was removed still has its branch (unless deleted by hand): that goes into the archive too.
    const branchOnly = !record.task.hasWorktree && record.task.mergedCommit !== null && (await branchExists(entry.repo.path, record.task.branch));
    if (record.task.hasWorktree || branchOnly) {
      const archived = await archiveAndRemove({
        repoPath: entry.repo.path,
        worktree: record.task.worktreePath,
        branch: record.task.branch,
        taskId,
        worktreesRoot: context.worktreesRoot,
      });
      context.record(taskId, { type: 'discarded', archiveRef: archived.archiveRef, commit: archived.commit });
    }
    context.setStatus(taskId, 'discarded');
    return { task: record.task };
  },
  async 'task/restore'(context, { taskId }) {
    const record = requireTask(context, taskId);
    if (record.task.status !== 'discarded') {
      throw new EngineError('invalidInput', `Task ${taskId} is ${record.task.status}, not discarded; there is nothing to restore.`);
    }
    const entry = requireRepo(context, record.task.repoId);
    assertFolder(entry);
    if (record.task.archiveRef) {
      await restoreFromArchive({ repoPath: entry.repo.path, taskId, branch: record.task.branch, worktree: record.task.worktreePath });
      context.record(taskId, { type: 'restored', branch: record.task.branch, worktreePath: record.task.worktreePath });
    }
    context.setStatus(taskId, record.task.mergedCommit ? 'merged' : 'done');
    return { task: record.task };
  },
};
