import { afterEach, describe, expect, it } from 'vitest';
import { reduceTask } from '../../shared/reduce-task.js';
import { isReadyForReview, type Task } from '../../shared/task.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const nothing = { files: 0, additions: 0, deletions: 0 };

/** The task summary a restart rebuilds from the thread log alone. */
async function replayed(h: EngineHarness, taskId: string): Promise<Task | null> {
  return (await h.threadOf(taskId)).reduce<Task | null>((task, event) => reduceTask(task, event), null);
}

describe('a task that changed nothing (real git)', () => {
  it('says so in its summary after the turn, in the list and after a replay, and is not ready for review', async () => {
    harness = await startHarness({ files: { 'README.md': '# Demo\n' } });
    // The only write fails (outside the worktree), so nothing changes.
    const task = await harness.createTask('say Looking around.\nwrite ../outside.txt escape');
    const done = await harness.waitFor(task.id, ['done', 'failed']);
    expect(done.status).toBe('done');
    expect(done.changes).toEqual(nothing);
    expect(isReadyForReview(done)).toBe(false);
    const { tasks } = await harness.engine.call('task/list', {});
    expect(tasks.find((listed) => listed.id === task.id)?.changes).toEqual(nothing);
    expect((await replayed(harness, task.id))?.changes).toEqual(nothing);
    // The branch is where it started: no checkpoint commit either.
    expect(harness.repo.git(['rev-parse', task.branch]).trim()).toBe(task.baseCommit);
    await expect(harness.engine.call('task/merge', { taskId: task.id })).rejects.toThrow(/nothing to merge/);
  });

  it('counts again when a later turn undoes what an earlier one changed', async () => {
    harness = await startHarness({ files: { 'README.md': '# Demo\n' } });
    const task = await harness.createTask('write notes.txt hello');
    const first = await harness.waitFor(task.id, ['done']);
    expect(first.changes).toEqual({ files: 1, additions: 1, deletions: 0 });
    expect(isReadyForReview(first)).toBe(true);

    await harness.engine.call('task/send', { taskId: task.id, text: 'delete notes.txt' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);
    const second = await harness.waitFor(task.id, ['done']);
    expect(second.changes).toEqual(nothing);
    expect(isReadyForReview(second)).toBe(false);
    expect((await replayed(harness, task.id))?.changes).toEqual(nothing);
  });
});
