import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

/** Commits a file on the user's main branch, as if someone merged other work meanwhile. */
function commitOnMain(path: string, content: string): void {
  writeFileSync(join(harness!.repo.path, path), content);
  harness!.repo.git(['add', path]);
  harness!.repo.git(['commit', '-qm', `main: ${path}`]);
}

describe('bringing the base branch into a task (task/bringInBase)', () => {
  test('merges new base commits into the task branch and worktree; the diff still shows only the task’s work', async () => {
    harness = await startHarness({ files: { 'README.md': '# app\n' } });
    const task = await harness.createTask('write feature.txt new feature');
    await harness.waitFor(task.id, ['done']);
    expect((await harness.engine.call('task/bringInBase', { taskId: task.id })).outcome).toBe('upToDate');
    expect((await harness.engine.call('task/diff', { taskId: task.id })).diff.behind).toBe(0);
    commitOnMain('other.txt', 'from main\n');
    commitOnMain('more.txt', 'more from main\n');
    // The review says main moved on, by how much.
    expect((await harness.engine.call('task/diff', { taskId: task.id })).diff.behind).toBe(2);

    const result = await harness.engine.call('task/bringInBase', { taskId: task.id });
    expect(result).toMatchObject({ outcome: 'merged', conflicts: [] });
    expect(readFileSync(join(task.worktreePath, 'other.txt'), 'utf8')).toBe('from main\n');
    expect(harness.repo.git(['rev-list', '--parents', '-n', '1', task.branch]).split(' ')).toHaveLength(3);
    expect(harness.repo.git(['status', '--porcelain'], task.worktreePath)).toBe('');
    const merged = (await harness.threadOf(task.id)).filter((event) => event.type === 'base.merged');
    expect(merged).toMatchObject([
      { base: 'main', baseCommit: harness.repo.git(['rev-parse', 'main']), conflicts: [] },
    ]);
    const { diff } = await harness.engine.call('task/diff', { taskId: task.id });
    expect(diff.files.map((file) => file.path)).toEqual(['feature.txt']);
    expect(diff.behind).toBe(0);
    // The count shown in the sidebar follows: main's commit is not the task's change.
    expect(merged[0]).toMatchObject({ changes: { files: 1, additions: 1, deletions: 0 } });
    expect((await harness.engine.call('task/get', { taskId: task.id })).task.changes).toEqual({
      files: 1,
      additions: 1,
      deletions: 0,
    });
    expect((await harness.engine.call('task/bringInBase', { taskId: task.id })).outcome).toBe('upToDate');
  });

  test('commits conflicts with their markers and asks the agent to resolve them before anything can merge', async () => {
    harness = await startHarness({ files: { 'notes.txt': 'one\n' } });
    const task = await harness.createTask('write notes.txt task version');
    await harness.waitFor(task.id, ['done']);
    commitOnMain('notes.txt', 'main version\n');
    expect((await harness.engine.call('task/mergePreview', { taskId: task.id })).preview).toMatchObject({
      clean: false,
      conflicts: ['notes.txt'],
    });

    const result = await harness.engine.call('task/bringInBase', { taskId: task.id });
    expect(result).toMatchObject({ outcome: 'conflicts', conflicts: ['notes.txt'] });
    expect(result.task.conflictFiles).toEqual(['notes.txt']);
    const asked = await harness.waitForEvent(
      task.id,
      (event) => event.type === 'user.message' && event.text.includes('conflict markers'),
    );
    expect(asked).toMatchObject({ text: expect.stringContaining('I merged the latest `main` into this branch.') });
    expect(asked).toMatchObject({ text: expect.stringContaining('- notes.txt') });
    // The scripted agent rewrites every file the message names, which resolves the markers.
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);
    await harness.waitFor(task.id, ['done']);
    expect(readFileSync(join(task.worktreePath, 'notes.txt'), 'utf8')).not.toMatch(/^<<<<<<< /m);
    const { preview } = await harness.engine.call('task/mergePreview', { taskId: task.id });
    expect(preview).toMatchObject({ clean: true, unresolved: [] });
    await harness.engine.call('task/merge', { taskId: task.id, intoCommit: preview.intoCommit });
    expect(harness.repo.git(['show', 'main:notes.txt'])).not.toMatch(/^<<<<<<< /m);
  });

  test('by hand: nothing is sent to the agent, and merge refuses while markers remain', async () => {
    harness = await startHarness({ files: { 'notes.txt': 'one\n' } });
    const task = await harness.createTask('write notes.txt task version');
    await harness.waitFor(task.id, ['done']);
    commitOnMain('notes.txt', 'main version\n');
    const messagesBefore = (await harness.threadOf(task.id)).filter((event) => event.type === 'user.message').length;
    expect((await harness.engine.call('task/bringInBase', { taskId: task.id, byHand: true })).outcome).toBe(
      'conflicts',
    );
    expect((await harness.threadOf(task.id)).filter((event) => event.type === 'user.message')).toHaveLength(
      messagesBefore,
    );
    const text = readFileSync(join(task.worktreePath, 'notes.txt'), 'utf8');
    expect(text).toBe(`<<<<<<< ${task.branch}\ntask version\n=======\nmain version\n>>>>>>> main\n`);

    const { preview } = await harness.engine.call('task/mergePreview', { taskId: task.id });
    expect(preview).toMatchObject({ clean: true, unresolved: ['notes.txt'] });
    await expect(harness.engine.call('task/merge', { taskId: task.id })).rejects.toMatchObject({
      code: 'mergeConflict',
      message: expect.stringContaining(
        'still has conflict markers (<<<<<<< … >>>>>>>) from bringing in its base, in: notes.txt',
      ),
    });
    expect(harness.repo.git(['show', 'main:notes.txt'])).toBe('main version');

    writeFileSync(join(task.worktreePath, 'notes.txt'), 'both versions\n');
    const resolved = (await harness.engine.call('task/mergePreview', { taskId: task.id })).preview;
    expect(resolved.unresolved).toEqual([]);
    await harness.engine.call('task/merge', { taskId: task.id, intoCommit: resolved.intoCommit });
    expect(harness.repo.git(['show', 'main:notes.txt'])).toBe('both versions');
  });

  test('task/mergeBase, the old name kept for one release, is the same command: same validation, outcome and thread event', async () => {
    harness = await startHarness({ files: { 'notes.txt': 'one\n' } });
    const task = await harness.createTask('write notes.txt task version');
    await harness.waitFor(task.id, ['done']);
    for (const name of ['task/bringInBase', 'task/mergeBase'] as const) {
      await expect(harness.engine.call(name, { taskId: task.id, base: '' })).rejects.toMatchObject({
        code: 'invalidInput',
      });
      expect((await harness.engine.call(name, { taskId: task.id })).outcome).toBe('upToDate');
    }
    commitOnMain('notes.txt', 'main version\n');
    const result = await harness.engine.call('task/mergeBase', { taskId: task.id, byHand: true });
    expect(result).toMatchObject({
      outcome: 'conflicts',
      conflicts: ['notes.txt'],
      task: { conflictFiles: ['notes.txt'] },
    });
    const merged = (await harness.threadOf(task.id)).filter((event) => event.type === 'base.merged');
    expect(merged).toMatchObject([
      { base: 'main', baseCommit: harness.repo.git(['rev-parse', 'main']), conflicts: ['notes.txt'] },
    ]);
    expect(readFileSync(join(task.worktreePath, 'notes.txt'), 'utf8')).toMatch(/^<<<<<<< /);
  });
});
