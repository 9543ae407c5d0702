import type { Task } from '../../../../shared/task.js';

/**
 * Tasks in overview order with each team kept together: a subtask whose lead is listed too comes right after its
 * lead (oldest subtask first) instead of at its own place; everything else keeps the order it came in.
 */
export function nestTeams(tasks: readonly Task[]): Task[] {
  const listed = new Set(tasks.map((task) => task.id));
  const nested = (task: Task) => task.team?.role === 'subtask' && listed.has(task.team.leadId);
  const ordered: Task[] = [];
  for (const task of tasks) {
    if (nested(task)) continue;
    ordered.push(task);
    if (task.team?.role !== 'lead') continue;
    const subtasks = tasks.filter((other) => other.team?.role === 'subtask' && other.team.leadId === task.id);
    ordered.push(...[...subtasks].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)));
  }
  return ordered;
}
