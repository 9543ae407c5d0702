import type { CommandResult } from '../../shared/commands.js';
import type { CommandInput, EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { readEventLog } from '../store/event-log.js';
import { checkpoint } from '../worktree/checkpoint.js';
import { rollbackBranch } from '../worktree/rollback.js';
import { changesOf } from './run-turn.js';
import { guardTask } from './task-guard.js';
import type { TaskRecord } from './task-record.js';

/** The task's checkpoint commits, oldest first, as its thread recorded them. */
export function checkpointCommits(record: TaskRecord): { commit: string; message: string }[] {
  return readEventLog(record.log.path).events.flatMap((event) =>
    event.type === 'checkpoint' ? [{ commit: event.commit, message: event.message }] : [],
  );
}

/** Rolls an idle task's branch back to one of its checkpoints; what it leaves behind is archived first. */
export async function rollbackTask(
  context: EngineContext,
  { taskId, commit: reference }: CommandInput<'task/rollback'>,
): Promise<CommandResult<'task/rollback'>> {
  const { record, entry, worktree } = await guardTask(context, taskId, {
    action: 'roll back',
    worktree: 'rollback',
    idle: true,
  });
  const target = findCheckpoint(record, reference);
  // Whatever is loose goes onto the branch first, so the archive below keeps it too; a failed checkpoint stops the
  // rollback.
  const message = 'flotilla: checkpoint before rolling back';
  const saved = await checkpoint({ worktree, message });
  if (saved)
    context.store.record(taskId, {
      type: 'checkpoint',
      commit: saved.commit,
      message,
      ...(await changesOf(record, saved.commit)),
    });
  const { from, archiveRef } = await rollbackBranch({
    repoPath: entry.repo.path,
    worktree,
    branch: record.task.branch,
    taskId,
    commit: target.commit,
  });
  context.store.record(taskId, {
    type: 'branch.rolledBack',
    commit: target.commit,
    from,
    archiveRef,
    ...(await changesOf(record, target.commit)),
  });
  return { task: record.task, commit: target.commit, from, archiveRef };
}

/**
 * The one checkpoint of the task that `reference` (a full commit or a unique prefix of one) names; a clear error
 * otherwise.
 */
function findCheckpoint(record: TaskRecord, reference: string): { commit: string; message: string } {
  const { id } = record.task;
  const wanted = reference.toLowerCase();
  const matches = [...new Map(checkpointCommits(record).map((entry) => [entry.commit, entry])).values()].filter(
    (entry) => entry.commit.startsWith(wanted),
  );
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new EngineError(
      'invalidInput',
      `${reference} names more than one checkpoint of task ${id}; give more of the commit.`,
      { reference },
    );
  throw new EngineError(
    'invalidInput',
    `${reference} is not a checkpoint of task ${id}. Roll back only to one of its checkpoints (the "Checkpoint" lines in its thread, or \`flotilla rollback ${id}\` lists them).`,
    { reference },
  );
}
