import type { CommandParams } from '../../../shared/commands.js';
import type { ThreadEvent } from '../../../shared/events.js';
import { reduceTask } from '../../../shared/reduce-task.js';
import type { Task } from '../../../shared/task.js';
import type { VerifyResult } from '../../../shared/verify.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';

/** Every task the engine knows, kept live by folding events exactly as the engine does. */
export interface TasksSlice {
  tasks: Record<string, Task>;
  tasksLoaded: boolean;
  loadTasks(): Promise<void>;
  /** Dispatches one prompt as one or more tasks (attempts); returns them. */
  createTasks(params: CommandParams<'task/create'>): Promise<Task[]>;
  stopTask(taskId: string): Promise<void>;
  sendMessage(taskId: string, text: string): Promise<void>;
  /** Takes back a follow-up that waits for its turn (the seq of its user.message). */
  cancelMessage(taskId: string, seq: number): Promise<void>;
  answerApproval(taskId: string, requestId: string, decision: 'approve' | 'deny'): Promise<void>;
  /** Sets a task's budgets (null removes one). */
  setBudget(taskId: string, budget: { costBudgetUsd: number | null; tokenBudget: number | null }): Promise<void>;
  renameTask(taskId: string, title: string): Promise<void>;
  /** Archives a task (out of the sidebar's list) or, with false, brings it back. */
  archiveTask(taskId: string, archived: boolean): Promise<void>;
  /** Runs the task's checks now (task/verify); resolves with their result once they end. */
  verifyTask(taskId: string): Promise<VerifyResult>;
}

/**
 * Folds a batch of events into the task map with the shared reducer; returns the same map when
 * nothing changed, so selectors stay quiet.
 */
export function foldTaskEvents(tasks: Record<string, Task>, events: readonly ThreadEvent[]): Record<string, Task> {
  let next: Record<string, Task> | null = null;
  for (const event of events) {
    const current = (next ?? tasks)[event.taskId] ?? null;
    if (!current && event.type !== 'task.created') continue;
    const folded = reduceTask(current, event);
    if (!folded) continue;
    next ??= { ...tasks };
    next[event.taskId] = folded;
  }
  return next ?? tasks;
}

/** Merges tasks fetched from the engine, keeping any live copy that is already newer. */
export function mergeTasks(tasks: Record<string, Task>, fetched: readonly Task[]): Record<string, Task> {
  const next = { ...tasks };
  for (const task of fetched) {
    const live = next[task.id];
    if (!live || live.updatedAt <= task.updatedAt) next[task.id] = task;
  }
  return next;
}

/** Creates the tasks slice. */
export const createTasksSlice: Slice<TasksSlice> = (set, get) => {
  const keep = (task: Task) => set((state) => ({ tasks: mergeTasks(state.tasks, [task]) }));
  return {
    tasks: {},
    tasksLoaded: false,
    async loadTasks() {
      const { tasks } = await requireClient(get()).call('task/list', {});
      // A full list replaces the map: tasks removed meanwhile must disappear.
      set((state) => ({
        tasks: mergeTasks(Object.fromEntries(tasks.map((task) => [task.id, state.tasks[task.id] ?? task])), tasks),
        tasksLoaded: true,
      }));
    },
    async createTasks(params) {
      // Starting a task is when notifications earn their place: ask now, inside the user's action.
      get().notifier?.askOnDispatch();
      const { tasks } = await requireClient(get()).call('task/create', params);
      set((state) => ({ tasks: mergeTasks(state.tasks, tasks) }));
      return tasks;
    },
    async stopTask(taskId) {
      keep((await requireClient(get()).call('task/stop', { taskId })).task);
    },
    async sendMessage(taskId, text) {
      keep((await requireClient(get()).call('task/send', { taskId, text })).task);
    },
    async cancelMessage(taskId, seq) {
      keep((await requireClient(get()).call('task/cancelMessage', { taskId, seq })).task);
    },
    async answerApproval(taskId, requestId, decision) {
      keep((await requireClient(get()).call('task/approve', { taskId, requestId, decision })).task);
    },
    async setBudget(taskId, budget) {
      keep((await requireClient(get()).call('task/setBudget', { taskId, ...budget })).task);
    },
    async renameTask(taskId, title) {
      keep((await requireClient(get()).call('task/rename', { taskId, title })).task);
    },
    async archiveTask(taskId, archived) {
      keep((await requireClient(get()).call('task/archive', { taskId, archived })).task);
    },
    async verifyTask(taskId) {
      const { task, result } = await requireClient(get()).call('task/verify', { taskId });
      keep(task);
      return result;
    },
  };
};
