import { rollbackTask } from '../tasks/rollback-task.js';
import type { Handlers } from './handler.js';

/** Rolling a task back to one of its checkpoints. */
export const rollbackCommands: Handlers<'task/rollback'> = {
  async 'task/rollback'(context, params) {
    return rollbackTask(context, params);
  },
};
