import { isActive } from '../../shared/task.js';
import { defaultEventPage } from '../../shared/commands.js';
import { readEventLog } from '../store/event-log.js';
import { readEventPage } from '../store/event-page.js';
import { createTasks } from '../tasks/create-task.js';
import { sendMessage } from '../tasks/messages.js';
import { stopTeam } from '../teams/team-lifecycle.js';
import type { Handlers } from './handler.js';

/** Task commands: create, list, get, events, an event page, send, stop, approve, set budget, rename, archive. */
export const taskCommands: Handlers<
  | 'task/create'
  | 'task/list'
  | 'task/get'
  | 'task/events'
  | 'task/eventPage'
  | 'task/send'
  | 'task/stop'
  | 'task/approve'
  | 'task/setBudget'
  | 'task/rename'
  | 'task/archive'
> = {
  async 'task/create'(context, params) {
    return { tasks: await createTasks(context, params) };
  },
  async 'task/list'(context, { repoId, status }) {
    const tasks = context.store
      .all()
      .map((record) => record.task)
      .filter((task) => (!repoId || task.repoId === repoId) && (!status || status.includes(task.status)));
    return { tasks };
  },
  async 'task/get'(context, { taskId }) {
    return { task: context.store.require(taskId).task };
  },
  async 'task/events'(context, { taskId, afterSeq }) {
    const record = context.store.require(taskId);
    const events = readEventLog(record.log.path).events.filter(
      (event) => afterSeq === undefined || event.seq > afterSeq,
    );
    return { events };
  },
  async 'task/eventPage'(context, { taskId, beforeSeq, limit }) {
    const record = context.store.require(taskId);
    return readEventPage(record.log.path, { beforeSeq, limit: limit ?? defaultEventPage });
  },
  async 'task/send'(context, { taskId, text }) {
    const record = context.store.require(taskId);
    sendMessage(context, record, text);
    return { task: record.task };
  },
  async 'task/setBudget'(context, { taskId, tokenBudget, costBudgetUsd }) {
    const record = context.store.require(taskId);
    if (record.task.tokenBudget !== tokenBudget || record.task.costBudgetUsd !== costBudgetUsd) {
      context.store.record(taskId, { type: 'budget.changed', tokenBudget, costBudgetUsd });
    }
    return { task: record.task };
  },
  async 'task/approve'(context, { taskId, requestId, decision }) {
    const record = context.store.require(taskId);
    context.approvals.resolve(taskId, requestId, decision);
    return { task: record.task };
  },
  async 'task/stop'(context, { taskId }) {
    const record = context.store.require(taskId);
    // The lead first, so it starts nothing more while its team stops.
    if (isActive(record.task.status) || context.runner.isBusy(taskId)) await context.runner.stop(taskId);
    await stopTeam(context, taskId);
    return { task: record.task };
  },
  async 'task/rename'(context, { taskId, title }) {
    const record = context.store.require(taskId);
    // One line: a title is shown on one row everywhere.
    const clean = title.replace(/\s+/g, ' ').trim();
    if (record.task.title !== clean) context.store.record(taskId, { type: 'task.renamed', title: clean });
    return { task: record.task };
  },
  async 'task/archive'(context, { taskId, archived }) {
    const record = context.store.require(taskId);
    if (record.task.archived !== archived) context.store.record(taskId, { type: 'task.archived', archived });
    return { task: record.task };
  },
};
