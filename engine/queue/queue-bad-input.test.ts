import { afterEach, describe, expect, it } from 'vitest';
import type { MergeQueue } from '../../shared/merge-queue.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { finishedTask, queueOf, waitForQueue } from '../../testing/engine/queue-kit.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const order = (queue: MergeQueue) => queue.entries.map((entry) => entry.taskId);

describe('the merge queue refuses and sets aside what it cannot merge', () => {
  it('refuses a task that is not finished, a failed one, a discarded one and one already queued', async () => {
    harness = await startHarness();
    const { engine, repoId } = harness;
    const running = await harness.createTask('sleep 60000');
    await harness.waitFor(running.id, ['running']);
    await expect(engine.call('queue/add', { taskIds: [running.id] })).rejects.toThrow(
      `Task ${running.id} is running, not finished: only a task whose agent is done can be queued. Wait for its turn to end, then queue it.`,
    );
    const failed = await harness.createTask('fail the build broke');
    await harness.waitFor(failed.id, ['failed']);
    await expect(engine.call('queue/add', { taskIds: [failed.id] })).rejects.toThrow(
      `Task ${failed.id} is failed, not finished: only a task whose agent is done can be queued. Send it a message to finish the work, then queue it.`,
    );
    const discarded = await finishedTask(harness, 'write gone.txt gone');
    await engine.call('task/discard', { taskId: discarded.id });
    await expect(engine.call('queue/add', { taskIds: [discarded.id] })).rejects.toThrow(
      `Task ${discarded.id} was discarded. Restore it first (\`flotilla restore ${discarded.id}\`), then queue it.`,
    );

    await engine.call('queue/pause', { repoId, base: 'main' });
    const task = await finishedTask(harness, 'write one.txt one');
    await engine.call('queue/add', { taskIds: [task.id] });
    await expect(engine.call('queue/add', { taskIds: [task.id] })).rejects.toThrow(
      `Task ${task.id} is already in the merge queue of main (position 1). See \`flotilla queue\`; remove it first to queue it elsewhere.`,
    );
    const other = await finishedTask(harness, 'write two.txt two');
    await expect(engine.call('queue/add', { taskIds: [other.id, other.id] })).rejects.toThrow(
      `Task ${other.id} is already in the merge queue.`,
    );
    // A refused request queues none of its tasks.
    expect(order(await queueOf(harness, 'main'))).toEqual([task.id]);
    await expect(engine.call('queue/add', { taskIds: [] })).rejects.toThrow(
      'Give at least one finished task to queue (see `flotilla list`).',
    );
  });

  it('reorders and removes waiting entries', async () => {
    harness = await startHarness();
    const { engine, repoId } = harness;
    await engine.call('queue/pause', { repoId, base: 'main' });
    const [a, b, c] = [
      await finishedTask(harness, 'write a.txt a'),
      await finishedTask(harness, 'write b.txt b'),
      await finishedTask(harness, 'write c.txt c'),
    ].map((task) => task.id);
    await engine.call('queue/add', { taskIds: [a ?? '', b ?? '', c ?? ''] });
    expect(order((await engine.call('queue/reorder', { taskId: c ?? '', position: 0 })).queue)).toEqual([c, a, b]);
    expect(order((await engine.call('queue/remove', { taskId: a ?? '' })).queue)).toEqual([c, b]);
    await expect(engine.call('queue/remove', { taskId: a ?? '' })).rejects.toThrow(
      `Task ${a} is not in a merge queue. See \`flotilla queue\` for what is.`,
    );
  });

  it('sets aside every entry of a queue whose base branch was deleted, saying so', async () => {
    harness = await startHarness();
    const { engine, repo, repoId } = harness;
    repo.git(['branch', 'dev']);
    await engine.call('queue/pause', { repoId, base: 'dev' });
    const first = await finishedTask(harness, 'write one.txt one', 'dev');
    const second = await finishedTask(harness, 'write two.txt two', 'dev');
    await engine.call('queue/add', { taskIds: [first.id, second.id] });
    repo.git(['branch', '-D', 'dev']);
    await engine.call('queue/resume', { repoId });

    const done = await waitForQueue(harness, 'dev', (queue) => queue.entries.every((one) => one.state === 'setAside'));
    expect(done.entries.map((entry) => entry.reason)).toEqual([
      'The base branch dev was deleted, so nothing can merge into it. Recreate the branch and queue the tasks again, or merge them into another branch.',
      'The base branch dev was deleted, so nothing can merge into it. Recreate the branch and queue the tasks again, or merge them into another branch.',
    ]);
  });

  it('sets aside a task discarded while it waited, and merges the next', async () => {
    harness = await startHarness();
    const { engine, repo, repoId } = harness;
    await engine.call('queue/pause', { repoId, base: 'main' });
    const dropped = await finishedTask(harness, 'write dropped.txt dropped');
    const kept = await finishedTask(harness, 'write kept.txt kept');
    await engine.call('queue/add', { taskIds: [dropped.id, kept.id] });
    await engine.call('task/discard', { taskId: dropped.id });
    await engine.call('queue/resume', { repoId, base: 'main' });

    const done = await waitForQueue(harness, 'main', (queue) => queue.entries[1]?.state === 'merged');
    expect(done.entries[0]).toMatchObject({
      state: 'setAside',
      reason: `Task ${dropped.id} was discarded. Restore it (\`flotilla restore ${dropped.id}\`) and queue it again.`,
    });
    expect(repo.git(['ls-tree', '--name-only', 'main'])).toBe('README.md\nkept.txt');
  });
});
