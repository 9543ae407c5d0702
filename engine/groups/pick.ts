import type { CommandInput, EngineContext } from '../engine-context.js';
import type { CommandResult } from '../../shared/commands.js';
import { discardTask } from '../tasks/discard-task.js';
import { mergeTaskBranch } from '../tasks/merge-task.js';
import { groupMembers, requireGroupId } from './group-view.js';

/**
 * Picks one task of its group: merges it exactly as task/merge does, then discards every other member that is neither
 * merged nor discarded (archived, so each can be restored).
 */
export async function pickAttempt(
  context: EngineContext,
  params: CommandInput<'group/pick'>,
): Promise<CommandResult<'group/pick'>> {
  const groupId = requireGroupId(context, params.taskId);
  const { taskId, into, mode, message, forceUnverified } = params;
  const merged = await mergeTaskBranch(context, {
    taskId,
    ...(into === undefined ? {} : { into }),
    ...(mode === undefined ? {} : { mode }),
    ...(message === undefined ? {} : { message }),
    ...(forceUnverified === undefined ? {} : { forceUnverified }),
  });
  const discarded: string[] = [];
  for (const record of groupMembers(context, groupId)) {
    const { task } = record;
    if (task.id === taskId || task.status === 'merged' || task.status === 'discarded') continue;
    await discardTask(context, task.id);
    discarded.push(task.id);
  }
  return { task: context.store.require(taskId).task, commit: merged.commit, into: merged.into, discarded };
}
