import { groupRanking, groupSpent, type Group } from '../../shared/group.js';
import { isActive, type Task } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import type { TaskRecord } from '../tasks/task-record.js';

/** What a group command says about a task that belongs to no group. */
export const notInGroupMessage =
  'pick, compare and judge work on a task started with --attempts N or several agents; this task is on its own.';

/** The records of a group: attempts first (oldest first), then the synthesis. */
export function groupMembers(context: EngineContext, groupId: string): TaskRecord[] {
  const members = context.store.all().filter((record) => record.task.groupId === groupId);
  const byAge = (left: TaskRecord, right: TaskRecord) => left.task.createdAt.localeCompare(right.task.createdAt);
  return [
    ...members.filter((record) => record.task.groupRole !== 'synthesis').sort(byAge),
    ...members.filter((record) => record.task.groupRole === 'synthesis').sort(byAge),
  ];
}

/** The group id of a task, or a notInGroup error that says what group commands work on. */
export function requireGroupId(context: EngineContext, taskId: string): string {
  const { groupId } = context.store.require(taskId).task;
  if (groupId === null)
    throw new EngineError('notInGroup', `Task ${taskId} is not part of a group: ${notInGroupMessage}`);
  return groupId;
}

/** True when a task's agent and its checks have finished (no job left, not verifying). */
export function isSettledTask(context: EngineContext, task: Task): boolean {
  return !isActive(task.status) && !task.verifying && !context.runner.hasJob(task.id);
}

/** The members that count for a ranking: every task of the group that was not discarded. */
export function rankedMembers(members: readonly TaskRecord[]): TaskRecord[] {
  return members.filter((record) => record.task.status !== 'discarded');
}

/** The group as group/get reports it. */
export function groupView(context: EngineContext, groupId: string): Group {
  const members = groupMembers(context, groupId);
  const tasks = members.map((record) => record.task);
  const first = tasks[0];
  if (!first) throw new EngineError('notInGroup', `No task belongs to group ${groupId}: ${notInGroupMessage}`);
  const ranking = groupRanking(tasks);
  const synthesis = tasks.find((task) => task.groupRole === 'synthesis');
  return {
    id: groupId,
    repoId: first.repoId,
    prompt: first.prompt,
    options: first.groupOptions ?? { judge: false, synthesize: false, costBudgetUsd: null },
    tasks: tasks.map((task) => task.id),
    synthesisId: synthesis?.id ?? null,
    ranking,
    winnerId: ranking?.state === 'ranked' ? (ranking.entries[0]?.taskId ?? null) : null,
    settled: tasks.every((task) => isSettledTask(context, task)),
    spent: groupSpent(tasks, ranking),
    stoppedBy: tasks.find((task) => task.groupStoppedBy !== null)?.groupStoppedBy ?? null,
  };
}
