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
 * group are never paired. Pairs come in the order of the tasks' ids.
 */
export function overlapPairs(tasks: readonly TaskFiles[]): OverlapPair[] {
  const sorted = [...tasks].sort((a, b) => a.task.id.localeCompare(b.task.id));
  // Which tasks change each file on each base: only tasks that share a file are compared, so hundreds of open tasks
  // cost what their shared files do, not every pair of them.
  const changing = new Map<string, number[]>();
  sorted.forEach((entry, index) => {
    const base = baseKey(entry.task);
    for (const file of new Set(entry.files)) {
      const key = `${base}\0${file}`;
      const indexes = changing.get(key);
      if (indexes) indexes.push(index);
      else changing.set(key, [index]);
    }
  });
  const shared = new Map<number, Map<number, string[]>>();
  for (const [key, indexes] of changing) {
    if (indexes.length < 2) continue;
    // Paths hold no NUL, so the file is what follows the last one.
    const file = key.slice(key.lastIndexOf('\0') + 1);
    for (let at = 0; at < indexes.length; at++) {
      const first = indexes[at] as number;
      const groupId = (sorted[first] as TaskFiles).task.groupId;
      for (const second of indexes.slice(at + 1)) {
        // Attempts of one prompt are alternatives (one is merged), not work that lands side by side.
        if (groupId !== null && groupId === (sorted[second] as TaskFiles).task.groupId) continue;
        const withFirst = shared.get(first) ?? new Map<number, string[]>();
        shared.set(first, withFirst);
        const files = withFirst.get(second);
        if (files) files.push(file);
        else withFirst.set(second, [file]);
      }
    }
  }
  const pairs: OverlapPair[] = [];
  for (const first of [...shared.keys()].sort((a, b) => a - b)) {
    const withFirst = shared.get(first) as Map<number, string[]>;
    for (const second of [...withFirst.keys()].sort((a, b) => a - b))
      pairs.push({
        first: sorted[first] as TaskFiles,
        second: sorted[second] as TaskFiles,
        files: (withFirst.get(second) as string[]).sort(),
      });
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
    const overlaps = byTask.get(taskId);
    if (overlaps) overlaps.push(overlap);
    else byTask.set(taskId, [overlap]);
  };
  for (const pair of pairs) {
    const conflict = conflicts(pair);
    const { first, second, files } = pair;
    add(first.task.id, { taskId: second.task.id, title: second.task.title, files, conflicts: conflict });
    add(second.task.id, { taskId: first.task.id, title: first.task.title, files, conflicts: conflict });
  }
  return byTask;
}
