import type { CommandResult } from '../../../shared/commands.js';
import type { Group } from '../../../shared/group.js';
import type { Task } from '../../../shared/task.js';
import { toReviewError, type ReviewError } from '../review/review-error.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';
import { mergeTasks } from './tasks-slice.js';

/** Where one group action (judge, synthesize, pick) stands. */
export type GroupActionState<T = null> =
  { status: 'idle' } | { status: 'busy' } | { status: 'done'; result: T } | { status: 'failed'; error: ReviewError };

/** What the compare view started for one group, and how each ended. */
export interface GroupActions {
  judge: GroupActionState;
  synthesize: GroupActionState<{ taskId: string }>;
  pick: GroupActionState<CommandResult<'group/pick'>>;
  /** Checks run from the pick refusal (task/verify on the chosen attempt). */
  check: GroupActionState<{ taskId: string; passed: boolean }>;
}

/** The compare view of a group of attempts: which group it shows, and its judge, synthesize and pick actions. */
export interface CompareSlice {
  /** The group the compare view shows (its main view is 'compare'). */
  compareGroupId: string | null;
  /** Per group id; missing until the view starts one. */
  groupActions: Record<string, GroupActions>;
  /** Opens the compare view of the group the task belongs to; nothing for a task outside any group. */
  openCompare(taskId: string): void;
  /** Ranks the group again now (group/judge): the judge model, or the stated rule without one. */
  judgeGroup(groupId: string, taskId: string): Promise<void>;
  /** Starts the group's synthesis task (group/synthesize). */
  synthesizeGroup(groupId: string, taskId: string): Promise<void>;
  /** Merges the attempt and discards (archives) the others (group/pick); `forceUnverified` merges unchecked work. */
  pickAttempt(groupId: string, taskId: string, options?: { forceUnverified?: boolean }): Promise<void>;
  /** Runs the attempt's checks now (task/verify), from the pick refusal; Pick is offered again once they end. */
  checkAttempt(groupId: string, taskId: string): Promise<void>;
  /** Forgets how the last pick ended (a refusal the person answered, or a result they read). */
  resetPick(groupId: string): void;
}

const idle: GroupActions = {
  judge: { status: 'idle' },
  synthesize: { status: 'idle' },
  pick: { status: 'idle' },
  check: { status: 'idle' },
};

/**
 * Puts a group's ranking on its tasks as group/judge answered it, unless an event already brought a newer one:
 * the view then shows the answer even if the events are still on their way.
 */
export function applyGroupRanking(tasks: Record<string, Task>, group: Group): Record<string, Task> {
  const ranking = group.ranking;
  if (!ranking) return tasks;
  let next: Record<string, Task> | null = null;
  for (const id of group.tasks) {
    const task = (next ?? tasks)[id];
    if (!task || (task.ranking && task.ranking.startedAt > ranking.startedAt)) continue;
    if (task.ranking?.startedAt === ranking.startedAt && task.ranking.state === 'ranked') continue;
    next ??= { ...tasks };
    next[id] = { ...task, ranking };
  }
  return next ?? tasks;
}

/** Creates the compare slice. */
export const createCompareSlice: Slice<CompareSlice> = (set, get) => {
  const patch = <K extends keyof GroupActions>(groupId: string, key: K, state: GroupActions[K]) =>
    set((current) => ({
      groupActions: {
        ...current.groupActions,
        [groupId]: { ...(current.groupActions[groupId] ?? idle), [key]: state },
      },
    }));
  const busy = (groupId: string, key: keyof GroupActions) => get().groupActions[groupId]?.[key].status === 'busy';
  return {
    compareGroupId: null,
    groupActions: {},
    openCompare(taskId) {
      const groupId = get().tasks[taskId]?.groupId;
      if (groupId) set({ view: 'compare', compareGroupId: groupId });
    },
    async judgeGroup(groupId, taskId) {
      if (busy(groupId, 'judge')) return;
      patch(groupId, 'judge', { status: 'busy' });
      try {
        const { group } = await requireClient(get()).call('group/judge', { taskId });
        set((state) => ({ tasks: applyGroupRanking(state.tasks, group) }));
        patch(groupId, 'judge', { status: 'done', result: null });
      } catch (error) {
        patch(groupId, 'judge', { status: 'failed', error: toReviewError(error) });
      }
    },
    async synthesizeGroup(groupId, taskId) {
      if (busy(groupId, 'synthesize')) return;
      patch(groupId, 'synthesize', { status: 'busy' });
      try {
        const { task } = await requireClient(get()).call('group/synthesize', { taskId });
        set((state) => ({ tasks: mergeTasks(state.tasks, [task]) }));
        patch(groupId, 'synthesize', { status: 'done', result: { taskId: task.id } });
      } catch (error) {
        patch(groupId, 'synthesize', { status: 'failed', error: toReviewError(error) });
      }
    },
    async pickAttempt(groupId, taskId, options = {}) {
      if (busy(groupId, 'pick')) return;
      patch(groupId, 'pick', { status: 'busy' });
      try {
        const params = options.forceUnverified ? { taskId, forceUnverified: true } : { taskId };
        const result = await requireClient(get()).call('group/pick', params);
        set((state) => ({ tasks: mergeTasks(state.tasks, [result.task]) }));
        patch(groupId, 'pick', { status: 'done', result });
      } catch (error) {
        patch(groupId, 'pick', { status: 'failed', error: toReviewError(error) });
      }
    },
    async checkAttempt(groupId, taskId) {
      if (busy(groupId, 'check')) return;
      patch(groupId, 'check', { status: 'busy' });
      patch(groupId, 'pick', { status: 'idle' });
      try {
        const { task, result } = await requireClient(get()).call('task/verify', { taskId });
        set((state) => ({ tasks: mergeTasks(state.tasks, [task]) }));
        patch(groupId, 'check', { status: 'done', result: { taskId, passed: result.passed } });
      } catch (error) {
        patch(groupId, 'check', { status: 'failed', error: toReviewError(error) });
      }
    },
    resetPick(groupId) {
      patch(groupId, 'pick', { status: 'idle' });
    },
  };
};

/** A group's actions, idle until the view starts one. */
export function groupActionsOf(actions: Record<string, GroupActions>, groupId: string): GroupActions {
  return actions[groupId] ?? idle;
}
