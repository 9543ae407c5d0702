import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
  delete process.env.GIT_COMMITTER_DATE;
});

describe('repo/branches', () => {
  it('lists the user’s branches first (current, then most recently committed) and marks task branches', async () => {
    harness = await startHarness();
    const h = harness;
    // main is the current branch but not the most recent one.
    process.env.GIT_COMMITTER_DATE = '2024-01-01T00:00:00Z';
    h.repo.git(['commit', '-q', '--allow-empty', '-m', 'main', '--no-verify']);
    for (const [name, date] of [
      ['older-feature', '2024-02-01T00:00:00Z'],
      ['flotilla/leftover-abc123', '2024-06-01T00:00:00Z'],
      ['newer-feature', '2024-03-01T00:00:00Z'],
    ] as const) {
      h.repo.git(['checkout', '-q', '-b', name, 'main']);
      process.env.GIT_COMMITTER_DATE = date;
      h.repo.git(['commit', '-q', '--allow-empty', '-m', name, '--no-verify']);
    }
    delete process.env.GIT_COMMITTER_DATE;
    h.repo.git(['checkout', '-q', 'main']);
    // A tag with a branch's name must not turn the branch's name into "heads/…".
    h.repo.git(['tag', 'older-feature', 'main']);
    // A task on a branch name of the user's choosing is still a task branch.
    const task = await h.createTask('write notes.txt hi', { agent: 'scripted', branch: 'notes-by-agent' });
    await h.waitFor(task.id, ['done']);

    const result = await h.engine.call('repo/branches', { repoId: h.repoId });
    expect(result.current).toBe('main');
    expect(result.branches).toEqual([
      'main',
      'newer-feature',
      'older-feature',
      'notes-by-agent',
      'flotilla/leftover-abc123',
    ]);
    expect(result.details!.map((branch) => [branch.name, branch.task, branch.taskId])).toEqual([
      ['main', false, null],
      ['newer-feature', false, null],
      ['older-feature', false, null],
      ['notes-by-agent', true, task.id],
      ['flotilla/leftover-abc123', true, null],
    ]);
    expect(result.details!.find((branch) => branch.name === 'notes-by-agent')?.taskTitle).toBe('write notes.txt hi');
    expect(result.details!.find((branch) => branch.name === 'newer-feature')?.committedAt).toMatch(
      /^2024-03-01T00:00:00/,
    );
  });
});
