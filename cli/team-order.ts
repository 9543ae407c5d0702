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

/** True when `other` is in `task`'s agent team (its lead, or a subtask of the same lead), `task` itself included. */
export function inTeamOf(task: Pick<Task, 'id' | 'team'>, other: Pick<Task, 'id' | 'team'>): boolean {
  const leadOf = (candidate: Pick<Task, 'id' | 'team'>) =>
    candidate.team === null ? null : candidate.team.role === 'lead' ? candidate.id : candidate.team.leadId;
  const lead = leadOf(task);
  return lead !== null && leadOf(other) === lead;
}

/** The team line of `flotilla show`: a lead's subtasks and how they stand, or which lead a subtask works for. */
export function teamLine(task: Task, members: readonly Task[]): string {
  if (task.team === null) return '';
  if (task.team.role === 'subtask') return `subtask of ${task.team.leadId} (flotilla show ${task.team.leadId})`;
  const subtasks = members.filter((member) => member.team?.role === 'subtask' && member.team.leadId === task.id);
  if (subtasks.length === 0) return 'lead, no subtasks yet';
  return `lead of ${subtasks.length}: ${subtasks.map((subtask) => `${subtask.id} ${subtask.status}`).join(', ')}`;
}
