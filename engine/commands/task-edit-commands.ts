import type { Handlers } from './handler.js';
import { requireTask } from './task-commands.js';

/** Commands that change how a task is shown, not what it does: rename, archive and unarchive. */
export const taskEditCommands: Handlers<'task/rename' | 'task/archive'> = {
  async 'task/rename'(context, { taskId, title }) {
    const record = requireTask(context, taskId);
    // One line: a title is shown on one row everywhere.
    const clean = title.replace(/\s+/g, ' ').trim();
    if (record.task.title !== clean) context.record(taskId, { type: 'task.renamed', title: clean });
    return { task: record.task };
  },
  async 'task/archive'(context, { taskId, archived }) {
    const record = requireTask(context, taskId);
    if (record.task.archived !== archived) context.record(taskId, { type: 'task.archived', archived });
    return { task: record.task };
  },
};
