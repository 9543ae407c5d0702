import { cancelMessage } from '../tasks/messages.js';
import type { Handlers } from './handler.js';

/** Commands on a task's messages: taking back a queued follow-up. */
export const messageCommands: Handlers<'task/cancelMessage'> = {
  async 'task/cancelMessage'(context, { taskId, seq }) {
    return { task: cancelMessage(context, taskId, seq).task };
  },
};
