import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const paths = (files: { path: string }[]) => files.map((file) => file.path);

describe('the review of a merged task', () => {
  it('shows the change its squash merge made on main once the worktree is removed, saying where it went', async () => {
    harness = await startHarness({ files: { 'README.md': '# app\n' } });
    const { engine, repo } = harness;
    const task = await harness.createTask(
      'write src/greeting.ts export const greeting = 1;\\n\nappend README.md more\\n',
    );
    await harness.waitFor(task.id, ['done']);
    // main moves on first, so the merge's own change is not the same as main's whole history.
    repo.commit({ 'other.txt': 'someone else\n' }, 'main: other work');
    const merged = await engine.call('task/merge', { taskId: task.id });
    expect(merged.task.hasWorktree).toBe(false);

    const { diff } = await engine.call('task/diff', { taskId: task.id });
    expect(paths(diff.files)).toEqual(['README.md', 'src/greeting.ts']);
    expect(diff).toMatchObject({
      additions: 2,
      deletions: 0,
      baseRef: 'main',
      behind: 0,
      merged: { commit: merged.commit, into: 'main', mode: 'squash', source: 'mergeCommit' },
    });
    expect(diff.mergeBase).toBe(repo.git(['rev-parse', `${merged.commit}^1`]));
  });

  it('shows a merge commit the same way, and falls back to the branch when the merge commit is gone', async () => {
    harness = await startHarness();
    const { engine, repo } = harness;
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    const merged = await engine.call('task/merge', { taskId: task.id, mode: 'merge' });
    expect(paths((await engine.call('task/diff', { taskId: task.id })).diff.files)).toEqual(['a.txt']);

    // The user rewinds main and the merge commit is unreachable by name: the branch still has the work.
    repo.git(['reset', '-q', '--hard', `${merged.commit}^1`]);
    repo.git(['reflog', 'expire', '--expire=now', '--all']);
    repo.git(['gc', '-q', '--prune=now']);
    const { diff } = await engine.call('task/diff', { taskId: task.id });
    expect(paths(diff.files)).toEqual(['a.txt']);
    expect(diff.merged).toMatchObject({ source: 'branch', into: 'main' });

    // With the branch deleted too, the answer says so in words, not in git's.
    repo.git(['branch', '-D', task.branch]);
    await expect(engine.call('task/diff', { taskId: task.id })).rejects.toThrow(
      `This task was merged, but its merge commit ${merged.commit.slice(0, 10)} and its branch ${task.branch} are no longer in the repository, so its change cannot be shown. The merged work is in the history of main.`,
    );
  });

  it('answers with the merged change, not a git error, when the diff is read while the worktree is being removed', async () => {
    harness = await startHarness();
    const { engine } = harness;
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    await engine.call('task/merge', { taskId: task.id, removeWorktree: false });
    // Half-way through `git worktree remove`: the folder is there, its .git link already gone.
    rmSync(join(task.worktreePath, '.git'));
    const { diff } = await engine.call('task/diff', { taskId: task.id });
    expect(paths(diff.files)).toEqual(['a.txt']);
    expect(diff.merged?.source).toBe('mergeCommit');
  });
});
