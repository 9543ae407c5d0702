import type { Task } from '../shared/task.js';

/** Indent of a subtask's row under its lead in `flotilla list`. */
export const subtaskIndent = '  └ ';

/**
 * Tasks in list order with each lead's subtasks right after it (oldest first), and the id as the row shows it: a
 * subtask's indented. A subtask whose lead is not in the list stays where it is, unindented.
 */
export function nestTeams(tasks: readonly Task[]): { task: Task; id: string }[] {
  const shown = new Set(tasks.map((task) => task.id));
  const nested = (task: Task) => task.team?.role === 'subtask' && shown.has(task.team.leadId);
  const rows: { task: Task; id: string }[] = [];
  for (const task of tasks) {
    if (nested(task)) continue;
    rows.push({ task, id: task.id });
    if (task.team?.role !== 'lead') continue;
    const subtasks = tasks
      .filter((candidate) => candidate.team?.role === 'subtask' && candidate.team.leadId === task.id)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const subtask of subtasks) rows.push({ task: subtask, id: `${subtaskIndent}${subtask.id}` });
  }
  return rows;
}
