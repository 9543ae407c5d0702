import type { z } from 'zod';
import type { branchInfoSchema } from '../../shared/commands.js';
import type { Task } from '../../shared/task.js';
import { taskBranchPrefix } from '../tasks/task-names.js';
import type { LocalBranch } from './branches.js';

/** A branch as the base-branch picker shows it. */
export type BranchInfo = z.infer<typeof branchInfoSchema>;

/**
 * Orders a repository's branches for the base picker: the user's own first (the current branch,
 * then the most recently committed), then task branches (under the task prefix, or worked on by
 * one of the repository's tasks), most recent first.
 */
export function pickerBranches(
  branches: readonly LocalBranch[],
  current: string | null,
  tasks: readonly Task[],
): BranchInfo[] {
  const byBranch = new Map(tasks.map((task) => [task.branch, task]));
  const infos = branches.map((branch): BranchInfo => {
    const task = byBranch.get(branch.name) ?? null;
    return {
      name: branch.name,
      committedAt: branch.committedAt,
      task: task !== null || branch.name.startsWith(taskBranchPrefix),
      taskId: task?.id ?? null,
      taskTitle: task?.title ?? null,
    };
  });
  // git already sorted by commit date; a stable sort keeps that within each group.
  const rank = (info: BranchInfo) => (info.name === current ? 0 : info.task ? 2 : 1);
  return infos.sort((a, b) => rank(a) - rank(b));
}
