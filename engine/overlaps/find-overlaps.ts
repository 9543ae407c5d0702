import type { Overlap } from '../../shared/overlap.js';
import type { Task } from '../../shared/task.js';

/** An open task as the overlap check sees it: who, on which base, and which files it changes. */
export interface TaskFiles {
  task: Pick<Task, 'id' | 'title' | 'repoId' | 'baseRef' | 'baseBranch' | 'groupId'>;
  files: readonly string[];
}

/** A pair of open tasks that change some of the same files. */
export interface OverlapPair {
  first: TaskFiles;
  second: TaskFiles;
  files: string[];
}

/** True for tasks whose changes are still waiting to land: not merged, not discarded, with a worktree. */
export function isOpenTask(task: Pick<Task, 'status' | 'hasWorktree'>): boolean {
  return task.hasWorktree && task.status !== 'merged' && task.status !== 'discarded';
}

/** Tasks compare only with tasks of the same repository and base branch (or base commit, when they had no branch). */
function baseKey(task: TaskFiles['task']): string {
  return `${task.repoId}\0${task.baseBranch ?? task.baseRef}`;
}

/**
 * Every pair of tasks on the same base that change at least one same file, with those files (sorted); attempts of one
 * group are never paired.
 */
export function overlapPairs(tasks: readonly TaskFiles[]): OverlapPair[] {
  const pairs: OverlapPair[] = [];
  const sorted = [...tasks].sort((a, b) => a.task.id.localeCompare(b.task.id));
  for (let index = 0; index < sorted.length; index++) {
    const first = sorted[index] as TaskFiles;
    const mine = new Set(first.files);
    for (const second of sorted.slice(index + 1)) {
      if (baseKey(first.task) !== baseKey(second.task)) continue;
      // Attempts of one prompt are alternatives (one is merged), not work that lands side by side.
      if (first.task.groupId !== null && first.task.groupId === second.task.groupId) continue;
      const files = second.files.filter((file) => mine.has(file)).sort();
      if (files.length > 0) pairs.push({ first, second, files });
    }
  }
  return pairs;
}

/** Each task's overlaps from the pairs: both tasks of a pair name the other; `conflicts` says what is known. */
export function overlapsByTask(
  pairs: readonly OverlapPair[],
  conflicts: (pair: OverlapPair) => boolean | null,
): Map<string, Overlap[]> {
  const byTask = new Map<string, Overlap[]>();
  const add = (taskId: string, overlap: Overlap): void => {
    byTask.set(taskId, [...(byTask.get(taskId) ?? []), overlap]);
  };
  for (const pair of pairs) {
    const conflict = conflicts(pair);
    const { first, second, files } = pair;
    add(first.task.id, { taskId: second.task.id, title: second.task.title, files, conflicts: conflict });
    add(second.task.id, { taskId: first.task.id, title: first.task.title, files, conflicts: conflict });
  }
  return byTask;
}
