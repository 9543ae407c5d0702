import { formatBudgetUsd } from '../../shared/budget.js';
import { formatUsd } from '../../shared/format-money.js';
import { groupRanking, groupSpent } from '../../shared/group.js';
import { isActive } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import type { TaskRecord } from '../tasks/task-record.js';

/** What the group's budget stopped, if it was reached: the message every member's thread records; null otherwise. */
export function budgetReached(members: readonly TaskRecord[]): string | null {
  const tasks = members.map((record) => record.task);
  const stopped = tasks.find((task) => task.groupStoppedBy !== null)?.groupStoppedBy;
  if (stopped) return stopped;
  const budget = tasks[0]?.groupOptions?.costBudgetUsd ?? null;
  if (budget === null) return null;
  const spent = groupSpent(tasks, groupRanking(tasks));
  if (spent.totalUsd < budget) return null;
  return `The group's budget of ${formatBudgetUsd(budget)} was reached (${formatUsd(spent.totalUsd)} spent by attempts, judge and synthesis): every task of the group was stopped, and no judge model or synthesis starts.`;
}

/** The budget the group has left for one more task; null for no budget. */
export function budgetLeft(members: readonly TaskRecord[]): number | null {
  const tasks = members.map((record) => record.task);
  const budget = tasks[0]?.groupOptions?.costBudgetUsd ?? null;
  if (budget === null) return null;
  return budget - groupSpent(tasks, groupRanking(tasks)).totalUsd;
}

/**
 * Stops the group once its budget is reached: records `group.stopped` on every member (once) and stops every active
 * one. Returns true when the budget is reached. The stop happens once: a follow-up the user sends an attempt later
 * (after raising its own budget) is theirs to run, and its own budget bounds it.
 */
export async function enforceGroupBudget(
  context: EngineContext,
  groupId: string,
  members: readonly TaskRecord[],
): Promise<boolean> {
  const message = budgetReached(members);
  if (message === null) return false;
  if (members.every((record) => record.task.groupStoppedBy !== null)) return true;
  for (const record of members)
    if (record.task.groupStoppedBy === null)
      context.store.record(record.task.id, { type: 'group.stopped', groupId, message });
  await Promise.all(
    members
      .filter((record) => isActive(record.task.status) || context.runner.hasJob(record.task.id))
      .map((record) => context.runner.stop(record.task.id)),
  );
  return true;
}
