import { existsSync } from 'node:fs';
import { isActive } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { readEventLog } from '../store/event-log.js';
import { changesOf } from '../tasks/run-turn.js';
import type { TaskRecord } from '../tasks/task-record.js';
import { checkpoint } from '../worktree/checkpoint.js';
import { rollbackBranch } from '../worktree/rollback.js';
import type { Handlers } from './handler.js';
import { assertFolder, requireRepo } from './repo-commands.js';
import { requireTask } from './task-commands.js';

/** The task's checkpoint commits, oldest first, as its thread recorded them. */
export function checkpointCommits(record: TaskRecord): { commit: string; message: string }[] {
  return readEventLog(record.log.path).events.flatMap((event) => (event.type === 'checkpoint' ? [{ commit: event.commit, message: event.message }] : []));
}

/** The one checkpoint of the task that `reference` (a full commit or a unique prefix of one) names; a clear error otherwise. */
function findCheckpoint(record: TaskRecord, reference: string): { commit: string; message: string } {
  const { id } = record.task;
  const wanted = reference.toLowerCase();
  const matches = [...new Map(checkpointCommits(record).map((entry) => [entry.commit, entry])).values()].filter((entry) => entry.commit.startsWith(wanted));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new EngineError('invalidInput', `${reference} names more than one checkpoint of task ${id}; give more of the commit.`, { reference });
  throw new EngineError('invalidInput', `${reference} is not a checkpoint of task ${id}. Roll back only to one of its checkpoints (the "Checkpoint" lines in its thread, or \`flotilla rollback ${id}\` lists them).`, { reference });
}

function assertRollbackAllowed(record: TaskRecord): string {
  const { id, status } = record.task;
  if (isActive(status) || record.controller) {
    throw new EngineError('taskBusy', `Task ${id} is ${status}. Wait for its turn to end or stop it, then roll back.`);
  }
  if (status === 'discarded') throw new EngineError('taskDiscarded', `Task ${id} was discarded. Restore it first (\`flotilla restore ${id}\`), then roll back.`);
  if (status === 'merged') {
    throw new EngineError('invalidInput', `Task ${id} is merged: rolling back its branch would not take anything out of ${record.task.baseBranch ?? 'its base'}. Send it a follow-up to go on from its branch, then roll back if you need to.`);
  }
  if (!record.task.hasWorktree || !existsSync(record.task.worktreePath)) {
    throw new EngineError('noWorktree', `Task ${id} has no worktree to roll back (status: ${status}).`);
  }
  return record.task.worktreePath;
}

/** Rolling a task back to one of its checkpoints. */
export const rollbackCommands: Handlers<'task/rollback'> = {
  async 'task/rollback'(context: EngineContext, { taskId, commit: reference }) {
    const record = requireTask(context, taskId);
    const worktree = assertRollbackAllowed(record);
    const target = findCheckpoint(record, reference);
    const entry = requireRepo(context, record.task.repoId);
    assertFolder(entry);
    // Whatever is loose goes onto the branch first, so the archive below keeps it too; a failed checkpoint stops the rollback.
    const message = 'flotilla: checkpoint before rolling back';
    const saved = await checkpoint({ worktree, message });
    if (saved) context.record(taskId, { type: 'checkpoint', commit: saved.commit, message, ...(await changesOf(record, saved.commit)) });
    const { from, archiveRef } = await rollbackBranch({ repoPath: entry.repo.path, worktree, branch: record.task.branch, taskId, commit: target.commit });
    context.record(taskId, { type: 'branch.rolledBack', commit: target.commit, from, archiveRef, ...(await changesOf(record, target.commit)) });
    return { task: record.task, commit: target.commit, from, archiveRef };
  },
};
