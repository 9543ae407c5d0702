import type { Repo } from '../../../../shared/repo.js';
import {
  activeStatuses,
  changedNothing,
  finishedStatuses,
  isReadyForReview,
  type Task,
} from '../../../../shared/task.js';
import type { SidebarFilter } from '../../store/ui-slice.js';

/** One row of the sidebar list, as a string key so selectors can compare lists cheaply. */
export type SidebarRow = `repo:${string}` | `group:${string}` | `task:${string}` | `grouped:${string}`;

/**
 * True when a task passes the sidebar filter: "Ready for review" leaves out the tasks that changed nothing; archived
 * tasks show under the Archived filter only.
 */
export function matchesFilter(task: Pick<Task, 'status' | 'changes' | 'archived'>, filter: SidebarFilter): boolean {
  if (filter === 'archived') return task.archived;
  if (task.archived) return false;
  if (filter === 'all') return true;
  if (filter === 'active') return activeStatuses.includes(task.status);
  if (filter === 'review') return isReadyForReview(task);
  if (filter === 'noChanges') return finishedStatuses.includes(task.status) && changedNothing(task);
  return task.status === filter;
}

/** The words of a sidebar search, lower-cased; none when the search is blank. */
export function searchWords(search: string): string[] {
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
}

/** True when every search word appears in the task's title, prompt, branch or id (case-insensitive, any order). */
export function matchesSearch(
  task: Pick<Task, 'id' | 'title' | 'prompt' | 'branch'>,
  words: readonly string[],
): boolean {
  if (words.length === 0) return true;
  // Joined with a newline so that a word (which holds no whitespace) never matches across two fields.
  const text = [task.title, task.prompt, task.branch, task.id].join('\n').toLowerCase();
  return words.every((word) => text.includes(word));
}

/**
 * The sidebar as rows: each repository, then its tasks newest first, with sibling attempts
 * (one groupId) kept together under a group row at the place of their newest member, and a team lead's subtasks
 * indented right under it.
 * With a search, only matching tasks are listed and repositories without a match are left out,
 * unless nothing matches anywhere: then every repository stays, so the user still sees them.
 */
export function sidebarRows(
  repos: readonly Repo[],
  tasks: Record<string, Task>,
  filter: SidebarFilter,
  search: string,
): SidebarRow[] {
  const words = searchWords(search);
  const byRepo = new Map<string, Task[]>();
  for (const task of Object.values(tasks)) {
    if (!matchesFilter(task, filter) || !matchesSearch(task, words)) continue;
    const list = byRepo.get(task.repoId);
    if (list) list.push(task);
    else byRepo.set(task.repoId, [task]);
  }
  const anyMatch = repos.some((repo) => byRepo.has(repo.id));
  const rows: SidebarRow[] = [];
  for (const repo of repos) {
    if (words.length > 0 && anyMatch && !byRepo.has(repo.id)) continue;
    rows.push(`repo:${repo.id}`);
    const list = (byRepo.get(repo.id) ?? []).sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
    );
    const groups = new Map<string, Task[]>();
    for (const task of list) if (task.groupId) groups.set(task.groupId, [...(groups.get(task.groupId) ?? []), task]);
    const placed = new Set<string>();
    const listed = new Set(list.map((task) => task.id));
    for (const task of list) {
      // A subtask shows under its lead (when the lead is listed too), oldest first.
      if (task.team?.role === 'subtask' && listed.has(task.team.leadId)) continue;
      const siblings = task.groupId ? (groups.get(task.groupId) ?? []) : [];
      if (siblings.length < 2 || !task.groupId) {
        rows.push(`task:${task.id}`);
        if (task.team?.role === 'lead') rows.push(...subtaskRows(list, task.id));
        continue;
      }
      if (placed.has(task.groupId)) continue;
      placed.add(task.groupId);
      rows.push(`group:${task.groupId}`);
      // Attempts read in the order they were made.
      for (const sibling of [...siblings].reverse()) rows.push(`grouped:${sibling.id}`);
    }
  }
  return rows;
}

/** The rows of a lead's subtasks among `list` (newest first), oldest first, indented like a group's attempts. */
function subtaskRows(list: readonly Task[], leadId: string): SidebarRow[] {
  return list
    .filter((task) => task.team?.role === 'subtask' && task.team.leadId === leadId)
    .reverse()
    .map((task) => `grouped:${task.id}` as const);
}

/** The task ids in sidebar order: what ⌘1…⌘9 switch between. */
export function sidebarTaskIds(rows: readonly SidebarRow[]): string[] {
  return rows
    .filter((row) => row.startsWith('task:') || row.startsWith('grouped:'))
    .map((row) => row.slice(row.indexOf(':') + 1));
}
