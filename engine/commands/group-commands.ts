import { EngineError } from '../errors.js';
import { groupView, requireGroupId } from '../groups/group-view.js';
import { pickAttempt } from '../groups/pick.js';
import { startSynthesis } from '../groups/synthesize.js';
import type { Handlers } from './handler.js';

/** Group commands: a group of attempts, its ranking, synthesis and pick. */
export const groupCommands: Handlers<'group/get' | 'group/judge' | 'group/synthesize' | 'group/pick'> = {
  async 'group/get'(context, { taskId }) {
    return { group: groupView(context, requireGroupId(context, taskId)) };
  },
  async 'group/judge'(context, { taskId }) {
    const groupId = requireGroupId(context, taskId);
    const ranking = await context.groups.rankNow(groupId);
    if (ranking === null)
      throw new EngineError('engineUnavailable', 'The engine is shutting down; rank the group later.');
    return { group: groupView(context, groupId) };
  },
  async 'group/synthesize'(context, { taskId }) {
    const groupId = requireGroupId(context, taskId);
    const task = await startSynthesis(context, groupId);
    return { group: groupView(context, groupId), task };
  },
  async 'group/pick'(context, params) {
    return pickAttempt(context, params);
  },
};
