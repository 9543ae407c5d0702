import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reduceTask } from '../shared/reduce-task.js';
import type { Task } from '../shared/task.js';
import { startHarness, type EngineHarness } from '../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('a task from prompt to merge', () => {
  it('runs the agent in its own worktree, checkpoints, diffs and merges without touching the checkout', async () => {
    harness = await startHarness();
    const { engine, repo } = harness;
    const created = await harness.createTask('write CONTRIBUTING.md Be kind.\\n');
    expect(created.branch).toMatch(/^flotilla\/write-contributing-md-be-[a-z0-9]{8}$/);
    expect(created.worktreePath.startsWith(join(harness.home, 'worktrees'))).toBe(true);
    const done = await harness.waitFor(created.id, ['done', 'failed']);
    expect(done.status).toBe('done');
    expect(readFileSync(join(done.worktreePath, 'CONTRIBUTING.md'), 'utf8')).toBe('Be kind.\n');
    expect(existsSync(join(repo.path, 'CONTRIBUTING.md'))).toBe(false);
    // The turn's work was checkpointed on the task branch.
    expect(repo.git(['log', '-1', '--format=%s', created.branch])).toContain('flotilla: turn 1 completed');
    const types = harness.events.filter((event) => event.taskId === created.id).map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'task.created',
        'phase.changed',
        'turn.started',
        'tool.started',
        'tool.finished',
        'checkpoint',
        'turn.ended',
      ]),
    );
    const phases = harness.events.flatMap((event) =>
      event.type === 'phase.changed' && event.state === 'finished' ? [event.phase] : [],
    );
    expect(phases).toEqual(['resolveBase', 'addWorktree', 'copyFiles', 'setup', 'ready']);

    const { diff } = await engine.call('task/diff', { taskId: created.id });
    expect(diff.files.map((file) => [file.path, file.status, file.additions])).toEqual([
      ['CONTRIBUTING.md', 'added', 1],
    ]);

    const { preview } = await engine.call('task/mergePreview', { taskId: created.id });
    expect(preview).toMatchObject({ clean: true, conflicts: [], into: 'main' });
    const merged = await engine.call('task/merge', { taskId: created.id, intoCommit: preview.intoCommit });
    expect(merged.task.status).toBe('merged');
    expect(repo.git(['show', 'main:CONTRIBUTING.md'])).toBe('Be kind.');
    expect(repo.git(['status', '--porcelain'])).toBe('');
    // The merged task's worktree is removed to free the space; its branch keeps the work.
    expect(merged.removedWorktree).toBe(done.worktreePath);
    expect(merged.task.hasWorktree).toBe(false);
    expect(existsSync(done.worktreePath)).toBe(false);
    expect(repo.git(['worktree', 'list'])).not.toContain(done.worktreePath);
    expect(repo.git(['show', `${created.branch}:CONTRIBUTING.md`])).toBe('Be kind.');
    // The review still shows what was merged, read from the repository.
    expect((await engine.call('task/diff', { taskId: created.id })).diff).toMatchObject({
      files: [{ path: 'CONTRIBUTING.md', status: 'added' }],
      merged: { into: 'main', source: 'mergeCommit' },
    });

    // A follow-up brings the worktree back from the branch and goes on there.
    await engine.call('task/send', { taskId: created.id, text: 'write NOTES.md more' });
    await harness.waitForEvent(created.id, (event) => event.type === 'turn.ended' && event.turn === 2);
    const again = await harness.waitFor(created.id, ['done', 'failed']);
    expect(again).toMatchObject({ status: 'done', hasWorktree: true });
    expect(readFileSync(join(done.worktreePath, 'CONTRIBUTING.md'), 'utf8')).toBe('Be kind.\n');
    expect(readFileSync(join(done.worktreePath, 'NOTES.md'), 'utf8')).toBe('more');
    expect(repo.git(['log', '-1', '--format=%s', created.branch])).toContain('flotilla: turn 2 completed');
  });

  it('says so when a merged task cannot go on because its branch was deleted, and leaves nothing behind', async () => {
    harness = await startHarness();
    const { engine, repo } = harness;
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    await engine.call('task/merge', { taskId: task.id });
    repo.git(['branch', '-D', task.branch]);
    await engine.call('task/send', { taskId: task.id, text: 'write b.txt two' });
    const failed = await harness.waitFor(task.id, ['failed']);
    expect(failed.lastError).toContain(
      `The branch ${task.branch} was deleted, so this merged task cannot go on from it. Start a new task with "Run again…" instead.`,
    );
    expect(existsSync(task.worktreePath)).toBe(false);
    expect(repo.git(['worktree', 'list'])).not.toContain(task.worktreePath);
    // With nothing left to archive, discarding it still works.
    expect((await engine.call('task/discard', { taskId: task.id })).task.status).toBe('discarded');
  });

  it('discards a merged task whose worktree was removed into the archive, branch and all, and restores it', async () => {
    harness = await startHarness();
    const { engine, repo } = harness;
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    const tip = repo.git(['rev-parse', task.branch]);
    expect((await engine.call('task/merge', { taskId: task.id })).removedWorktree).toBe(task.worktreePath);

    await engine.call('task/discard', { taskId: task.id });
    expect(repo.git(['branch', '--list', task.branch])).toBe('');
    expect(repo.git(['rev-parse', `refs/flotilla/archive/${task.id}^1`])).toBe(tip);

    const { task: restored } = await engine.call('task/restore', { taskId: task.id });
    expect(restored).toMatchObject({ status: 'merged', hasWorktree: true });
    expect(readFileSync(join(task.worktreePath, 'a.txt'), 'utf8')).toBe('one');
    expect(repo.git(['rev-parse', task.branch])).toBe(tip);
  });

  it('keeps the count current while the agent works, loose files included, and settles it at the checkpoint', async () => {
    harness = await startHarness();
    const task = await harness.createTask('write a.txt one\\ntwo\\n\nsleep 3000\nwrite b.txt three');
    const live = await harness.waitForEvent(task.id, (event) => event.type === 'changes.counted');
    expect(live).toMatchObject({ changes: { files: 1, additions: 2, deletions: 0 } });
    // Counted mid-turn: the sidebar shows it while the agent is still at work.
    expect((await harness.engine.call('task/get', { taskId: task.id })).task).toMatchObject({
      status: 'running',
      changes: { files: 1, additions: 2 },
    });
    const done = await harness.waitFor(task.id, ['done']);
    expect(done.changes).toEqual({ files: 2, additions: 3, deletions: 0 });
    const events = await harness.threadOf(task.id);
    const ended = events.find((event) => event.type === 'turn.ended')!;
    expect(events.filter((event) => event.type === 'changes.counted').every((event) => event.seq < ended.seq)).toBe(
      true,
    );
  });

  it('keeps the worktree when the merge asks to, or when Settings say so', async () => {
    harness = await startHarness();
    const { engine } = harness;
    const kept = await harness.createTask('write a.txt one');
    await harness.waitFor(kept.id, ['done']);
    const merged = await engine.call('task/merge', { taskId: kept.id, removeWorktree: false });
    expect(merged.removedWorktree).toBeNull();
    expect(existsSync(kept.worktreePath)).toBe(true);

    // Settings say keep: nothing is removed without asking.
    await engine.call('settings/update', { removeWorktreeAfterMerge: false });
    const byDefault = await harness.createTask('write b.txt two');
    await harness.waitFor(byDefault.id, ['done']);
    expect((await engine.call('task/merge', { taskId: byDefault.id })).removedWorktree).toBeNull();
    expect(existsSync(byDefault.worktreePath)).toBe(true);

    // Later, on request: a change made after the merge is checkpointed on the branch first.
    writeFileSync(join(kept.worktreePath, 'after.txt'), 'late\n');
    const removed = await engine.call('task/removeWorktree', { taskId: kept.id });
    expect(removed).toMatchObject({ removedWorktree: kept.worktreePath, task: { hasWorktree: false } });
    expect(existsSync(kept.worktreePath)).toBe(false);
    expect(harness.repo.git(['show', `${kept.branch}:after.txt`])).toBe('late');
    await expect(engine.call('task/removeWorktree', { taskId: kept.id })).rejects.toMatchObject({ code: 'noWorktree' });
  });

  it('refuses to remove the worktree of a task that is not merged', async () => {
    harness = await startHarness();
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    await expect(harness.engine.call('task/removeWorktree', { taskId: task.id })).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringContaining('not merged, so its worktree may hold work that exists nowhere else'),
    });
    expect(existsSync(task.worktreePath)).toBe(true);
  });

  it('continues a task with a follow-up in the same worktree', async () => {
    harness = await startHarness();
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    await harness.engine.call('task/send', { taskId: task.id, text: 'append a.txt two' });
    const after = await harness.waitFor(task.id, ['done'], 30_000);
    await harness.waitFor(task.id, ['done']);
    expect(after.turns).toBe(2);
    expect(readFileSync(join(task.worktreePath, 'a.txt'), 'utf8')).toBe('onetwo');
  });

  it('counts what the task changed at every checkpoint, as the diff does, and the log replays it', async () => {
    harness = await startHarness({ files: { 'README.md': '# app\nold line\n' } });
    const task = await harness.createTask('write notes.txt one\\ntwo\\n\nwrite README.md # app\\nnew line\\n');
    expect(task.changes).toBeNull();
    const first = await harness.waitFor(task.id, ['done']);
    expect(first.changes).toEqual({ files: 2, additions: 3, deletions: 1 });

    await harness.engine.call('task/send', { taskId: task.id, text: 'delete notes.txt' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);
    const second = await harness.waitFor(task.id, ['done']);
    expect(second.changes).toEqual({ files: 1, additions: 1, deletions: 1 });
    const { diff } = await harness.engine.call('task/diff', { taskId: task.id });
    expect(second.changes).toEqual({ files: diff.files.length, additions: diff.additions, deletions: diff.deletions });

    const events = await harness.threadOf(task.id);
    const counts = events.flatMap((event) => (event.type === 'checkpoint' ? [event.changes] : []));
    expect(counts).toEqual([
      { files: 2, additions: 3, deletions: 1 },
      { files: 1, additions: 1, deletions: 1 },
    ]);
    const replayed = events.reduce<Task | null>((folded, event) => reduceTask(folded, event), null);
    expect(replayed?.changes).toEqual(second.changes);
  });
});
