import { describe, expect, it } from 'vitest';
import type { Task } from '../../../../shared/task.js';
import { sampleRepo } from '../../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { sidebarRows, sidebarTaskIds } from './sidebar-rows.js';

const repos = [sampleRepo({ id: 'r1', name: 'webapp' }), sampleRepo({ id: 'r2', name: 'api', path: '/code/api' })];

function byId(...tasks: Task[]): Record<string, Task> {
  return Object.fromEntries(tasks.map((task) => [task.id, task]));
}

const tasks = byId(
  sampleTask({
    id: 'login',
    repoId: 'r1',
    title: 'Fix the Login form',
    prompt: 'The submit button does nothing on Safari',
    branch: 'flotilla/fix-login',
    createdAt: '2025-01-03T00:00:00.000Z',
  }),
  sampleTask({
    id: 'docs',
    repoId: 'r1',
    title: 'Update the README',
    prompt: 'Explain how to install',
    branch: 'flotilla/readme',
    status: 'done',
    createdAt: '2025-01-02T00:00:00.000Z',
  }),
  sampleTask({
    id: 'rate',
    repoId: 'r2',
    title: 'Add rate limiting',
    prompt: 'Limit login attempts per IP',
    branch: 'flotilla/rate-limit',
    createdAt: '2025-01-01T00:00:00.000Z',
  }),
);

describe('sidebarRows with a search', () => {
  it('lists every task and repository when the search is blank', () => {
    expect(sidebarRows(repos, tasks, 'all', '   ')).toEqual([
      'repo:r1',
      'task:login',
      'task:docs',
      'repo:r2',
      'task:rate',
    ]);
  });

  it('needs every word, in any order and any case, anywhere in title, prompt, branch or id', () => {
    expect(sidebarTaskIds(sidebarRows(repos, tasks, 'all', 'FORM fix'))).toEqual(['login']);
    expect(sidebarTaskIds(sidebarRows(repos, tasks, 'all', 'safari'))).toEqual(['login']);
    expect(sidebarTaskIds(sidebarRows(repos, tasks, 'all', 'rate-limit'))).toEqual(['rate']);
    expect(sidebarTaskIds(sidebarRows(repos, tasks, 'all', 'docs'))).toEqual(['docs']);
    // "login" is in one task's title and another's prompt; "form" narrows it to the first.
    expect(sidebarTaskIds(sidebarRows(repos, tasks, 'all', 'login'))).toEqual(['login', 'rate']);
    expect(sidebarTaskIds(sidebarRows(repos, tasks, 'all', 'login  form'))).toEqual(['login']);
    expect(sidebarTaskIds(sidebarRows(repos, tasks, 'all', 'login safari readme'))).toEqual([]);
  });

  it('does not match a word made of the end of one field and the start of the next', () => {
    // Title ends "form", prompt starts "The": "formthe" is in neither.
    expect(sidebarTaskIds(sidebarRows(repos, tasks, 'all', 'formthe'))).toEqual([]);
  });

  it('applies the status filter as well', () => {
    expect(sidebarTaskIds(sidebarRows(repos, tasks, 'done', 'the'))).toEqual(['docs']);
    expect(sidebarTaskIds(sidebarRows(repos, tasks, 'active', 'readme'))).toEqual([]);
  });

  it('hides repositories without a match, but keeps them all when nothing matches anywhere', () => {
    expect(sidebarRows(repos, tasks, 'all', 'readme')).toEqual(['repo:r1', 'task:docs']);
    expect(sidebarRows(repos, tasks, 'all', 'limiting')).toEqual(['repo:r2', 'task:rate']);
    expect(sidebarRows(repos, tasks, 'all', 'nothing-like-this')).toEqual(['repo:r1', 'repo:r2']);
    // Without a search an empty repository keeps its heading, as before.
    expect(sidebarRows(repos, tasks, 'done', '')).toEqual(['repo:r1', 'task:docs', 'repo:r2']);
  });

  it('keeps sibling attempts grouped, showing only the members that match', () => {
    const attempts = byId(
      ...['a1', 'a2', 'a3'].map((id, index) =>
        sampleTask({
          id,
          repoId: 'r1',
          title: 'Speed up search',
          prompt: 'Make the search faster',
          groupId: 'g1',
          branch: `flotilla/speed-${index === 2 ? 'cache' : 'index'}-${id}`,
          createdAt: `2025-01-01T00:00:0${index}.000Z`,
        }),
      ),
    );
    expect(sidebarRows(repos, attempts, 'all', 'faster')).toEqual([
      'repo:r1',
      'group:g1',
      'grouped:a1',
      'grouped:a2',
      'grouped:a3',
    ]);
    expect(sidebarRows(repos, attempts, 'all', 'speed index')).toEqual([
      'repo:r1',
      'group:g1',
      'grouped:a1',
      'grouped:a2',
    ]);
    // One matching member is listed on its own, as with the status filter.
    expect(sidebarRows(repos, attempts, 'all', 'cache')).toEqual(['repo:r1', 'task:a3']);
  });
});

describe('sidebarRows: "Ready for review" and "No changes"', () => {
  const finished = byId(
    sampleTask({
      id: 'edited',
      repoId: 'r1',
      status: 'done',
      changes: { files: 2, additions: 5, deletions: 1 },
      createdAt: '2025-01-05T00:00:00.000Z',
    }),
    sampleTask({
      id: 'idle',
      repoId: 'r1',
      status: 'done',
      changes: { files: 0, additions: 0, deletions: 0 },
      createdAt: '2025-01-04T00:00:00.000Z',
    }),
    sampleTask({
      id: 'broke',
      repoId: 'r1',
      status: 'failed',
      changes: { files: 0, additions: 0, deletions: 0 },
      createdAt: '2025-01-03T00:00:00.000Z',
    }),
    // Summaries from older logs were never counted: unknown, so they stay up for review as before.
    sampleTask({ id: 'old', repoId: 'r1', status: 'done', changes: null, createdAt: '2025-01-02T00:00:00.000Z' }),
    sampleTask({
      id: 'busy',
      repoId: 'r1',
      status: 'running',
      changes: { files: 0, additions: 0, deletions: 0 },
      createdAt: '2025-01-01T00:00:00.000Z',
    }),
  );

  it('keeps finished tasks that changed nothing out of "Ready for review" and lists them under "No changes"', () => {
    expect(sidebarTaskIds(sidebarRows(repos, finished, 'review', ''))).toEqual(['edited', 'old']);
    expect(sidebarTaskIds(sidebarRows(repos, finished, 'noChanges', ''))).toEqual(['idle', 'broke']);
    // The status filter still finds them by status.
    expect(sidebarTaskIds(sidebarRows(repos, finished, 'done', ''))).toEqual(['edited', 'idle', 'old']);
  });
});

describe('sidebarRows: agent teams', () => {
  it('shows a lead’s subtasks indented right under it, oldest first; a subtask whose lead is filtered out stands alone', () => {
    const team = {
      lead: sampleTask({ id: 'lead', repoId: 'r1', createdAt: '2026-01-01T00:00:00Z', team: { role: 'lead' } }),
      one: sampleTask({
        id: 'one',
        repoId: 'r1',
        createdAt: '2026-01-01T00:01:00Z',
        team: { role: 'subtask', leadId: 'lead' },
      }),
      two: sampleTask({
        id: 'two',
        repoId: 'r1',
        status: 'failed',
        createdAt: '2026-01-01T00:02:00Z',
        team: { role: 'subtask', leadId: 'lead' },
      }),
      later: sampleTask({ id: 'later', repoId: 'r1', createdAt: '2026-01-02T00:00:00Z' }),
    };
    const repos = [sampleRepo({ id: 'r1' })];
    expect(sidebarRows(repos, team, 'all', '')).toEqual([
      'repo:r1',
      'task:later',
      'task:lead',
      'grouped:one',
      'grouped:two',
    ]);
    expect(sidebarRows(repos, team, 'failed', '')).toEqual(['repo:r1', 'task:two']);
  });
});
