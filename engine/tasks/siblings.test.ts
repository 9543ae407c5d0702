import { afterEach, describe, expect, it } from 'vitest';
import { otherAttemptMergedText } from '../../shared/sibling-attempts.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('the other attempts of a merged task', () => {
  it('are told another attempt was merged, so they no longer read as plain Done; discarded ones are left alone', async () => {
    harness = await startHarness();
    const { engine } = harness;
    const { tasks } = await engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'write answer.txt mine',
      attempts: 3,
    });
    const [winner, other, dropped] = tasks.map((task) => task.id) as [string, string, string];
    for (const task of tasks) await harness.waitFor(task.id, ['done']);
    await engine.call('task/discard', { taskId: dropped });

    const merged = await engine.call('task/merge', { taskId: winner });
    const left = (await engine.call('task/get', { taskId: other })).task;
    expect(left).toMatchObject({
      status: 'done',
      mergedSibling: { taskId: winner, into: 'main', commit: merged.commit },
    });
    expect(otherAttemptMergedText(left)).toBe(
      `Another attempt (${winner}) was merged into main as ${merged.commit.slice(0, 10)}; this one was not.`,
    );
    expect((await harness.threadOf(other)).filter((event) => event.type === 'sibling.merged')).toHaveLength(1);
    expect((await engine.call('task/get', { taskId: dropped })).task.mergedSibling).toBeNull();
    expect((await engine.call('task/get', { taskId: winner })).task.mergedSibling).toBeNull();

    // The leftover attempt is still whole: discarding it archives its unmerged work, and Restore brings it back as it was.
    const discarded = (await engine.call('task/discard', { taskId: other })).task;
    expect(discarded.archiveRef).toBe(`refs/flotilla/archive/${other}`);
    expect(harness.repo.git(['show', `${discarded.archiveRef}:answer.txt`])).toBe('mine');
    const restored = (await engine.call('task/restore', { taskId: other })).task;
    expect(restored).toMatchObject({ status: 'done', mergedSibling: { taskId: winner } });
  });

  it('leaves a task without a group alone', async () => {
    harness = await startHarness();
    const alone = await harness.createTask('write a.txt one');
    const before = await harness.createTask('write b.txt two');
    await harness.waitFor(alone.id, ['done']);
    await harness.waitFor(before.id, ['done']);
    await harness.engine.call('task/merge', { taskId: alone.id });
    expect((await harness.engine.call('task/get', { taskId: before.id })).task.mergedSibling).toBeNull();
  });
});
