import { describe, expect, it } from 'vitest';
import { newTask } from '../shared/new-task.js';
import type { Task } from '../shared/task.js';
import { nestTeams, subtaskIndent } from './team-order.js';

function task(id: string, createdAt: string, team: Task['team'] = null): Task {
  return newTask({
    id,
    repoId: 'r',
    title: id,
    prompt: id,
    agent: 'scripted',
    model: null,
    baseRef: 'main',
    baseBranch: 'main',
    baseCommit: 'c',
    branch: `flotilla/${id}`,
    worktreePath: `/w/${id}`,
    createdAt,
    team,
  });
}

describe('flotilla list nests subtasks under their lead', () => {
  it('puts each subtask right after its lead, indented, oldest first; a subtask whose lead is not listed stays put', () => {
    const rows = nestTeams([
      task('b', '2026-01-02', { role: 'subtask', leadId: 'lead' }),
      task('other', '2026-01-03'),
      task('lead', '2026-01-01', { role: 'lead' }),
      task('a', '2026-01-01T01', { role: 'subtask', leadId: 'lead' }),
      task('orphan', '2026-01-04', { role: 'subtask', leadId: 'gone' }),
    ]);
    expect(rows.map((row) => row.id)).toEqual(['other', 'lead', `${subtaskIndent}a`, `${subtaskIndent}b`, 'orphan']);
  });
});
