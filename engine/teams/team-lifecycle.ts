import type { EngineContext } from '../engine-context.js';
import { discardTask } from '../tasks/discard-task.js';
import { subtasksOf } from './team-members.js';

/** Stops every working subtask of a lead (Stop on the lead stops the whole team); nothing for other tasks. */
export async function stopTeam(context: EngineContext, taskId: string): Promise<void> {
  const record = context.store.get(taskId);
  if (record?.task.team?.role !== 'lead') return;
  await Promise.all(subtasksOf(context, taskId).map((subtask) => context.runner.stop(subtask.task.id)));
}

/**
 * Discards every subtask of a lead that is not discarded yet, archiving each branch (restorable like any discard),
 * before the lead itself is discarded; nothing for other tasks.
 */
export async function discardTeam(context: EngineContext, taskId: string): Promise<void> {
  const record = context.store.get(taskId);
  if (record?.task.team?.role !== 'lead') return;
  for (const subtask of subtasksOf(context, taskId)) {
    if (subtask.task.status !== 'discarded') await discardTask(context, subtask.task.id);
  }
}
