import { afterEach, describe, expect, it } from 'vitest';
import { isQueueEntryOpen, type MergeQueue, type QueueEntry } from '../../shared/merge-queue.js';
import { writeFileSync } from 'node:fs';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { finishedTask, queueOf, waitForQueue } from '../../testing/engine/queue-kit.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const states = (queue: MergeQueue) => queue.entries.map((entry: QueueEntry) => entry.state);
const settled = (queue: MergeQueue) => queue.entries.every((entry) => !isQueueEntryOpen(entry.state));

describe('the merge queue', () => {
  it('merges three finished tasks in order, each brought up to date with the one before', async () => {
    harness = await startHarness();
    const { engine, repo } = harness;
    const tasks = [
      await finishedTask(harness, 'write one.txt one'),
      await finishedTask(harness, 'write two.txt two'),
      await finishedTask(harness, 'write three.txt three'),
    ];
    const { queues } = await engine.call('queue/add', { taskIds: tasks.map((task) => task.id) });
    expect(queues.map((queue) => [queue.base, queue.entries.length])).toEqual([['main', 3]]);

    const done = await waitForQueue(harness, 'main', (queue) => states(queue).every((state) => state === 'merged'));
    expect(done.entries.map((entry) => entry.taskId)).toEqual(tasks.map((task) => task.id));
    expect(repo.git(['show', 'main:one.txt'])).toBe('one');
    expect(repo.git(['show', 'main:two.txt'])).toBe('two');
    expect(repo.git(['show', 'main:three.txt'])).toBe('three');
    const [first, second, third] = done.entries.map((entry) => entry.mergedCommit ?? '');
    // Each merge sits on the one before it, and each later branch had the earlier merges brought into it.
    expect(repo.git(['rev-parse', `${third}^1`])).toBe(second);
    expect(repo.git(['rev-parse', `${second}^1`])).toBe(first);
    repo.git(['merge-base', '--is-ancestor', first ?? '', tasks[1]?.branch ?? '']);
    repo.git(['merge-base', '--is-ancestor', second ?? '', tasks[2]?.branch ?? '']);
  });

  it('sets a conflicting entry aside (waiting for the user, per the setting) and goes on with the next', async () => {
    harness = await startHarness({ files: { 'shared.txt': 'start\n' } });
    const { engine, repo } = harness;
    const first = await finishedTask(harness, 'write shared.txt first\\n');
    const clash = await finishedTask(harness, 'write shared.txt second\\n');
    const last = await finishedTask(harness, 'write last.txt last');
    await engine.call('queue/add', { taskIds: [first.id, clash.id, last.id], onConflict: 'wait' });

    const done = await waitForQueue(harness, 'main', (queue) => settled(queue));
    expect(states(done)).toEqual(['merged', 'setAside', 'merged']);
    expect(done.entries[1]?.reason).toBe(
      "Bringing in main conflicts in shared.txt. Resolve the conflicts in the task's worktree (or send its agent a message), then queue it again.",
    );
    expect(repo.git(['show', 'main:shared.txt'])).toBe('first');
    expect(repo.git(['show', 'main:last.txt'])).toBe('last');
  });

  it("hands a conflict to the task's agent when set to, and merges once the agent has resolved it", async () => {
    harness = await startHarness({ files: { 'shared.txt': 'start\n' } });
    const { engine, repo } = harness;
    const first = await finishedTask(harness, 'write shared.txt first\\n');
    const clash = await finishedTask(harness, 'write shared.txt second\\n');
    await engine.call('queue/add', { taskIds: [first.id, clash.id], onConflict: 'agent' });

    const done = await waitForQueue(harness, 'main', (queue) => states(queue).every((state) => state === 'merged'));
    expect(done.entries[1]?.rounds).toBe(2);
    // The scripted agent answers the resolve request by rewriting the file it names, markers gone.
    const merged = repo.git(['show', 'main:shared.txt']);
    expect(merged).toContain("Written by Flotilla's scripted agent");
    expect(merged).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
    const asked = (await harness.threadOf(clash.id)).filter((event) => event.type === 'user.message');
    expect(asked.at(-1)).toMatchObject({ text: expect.stringContaining('- shared.txt') });
  });

  it('sets aside an entry whose verify fails on the updated branch, and merges the rest', async () => {
    harness = await startHarness();
    const { engine, repo, repoId } = harness;
    await engine.call('repo/update', { repoId, settings: { verifyCommand: 'test ! -f bad.txt' } });
    const bad = await finishedTask(harness, 'write bad.txt bad');
    const good = await finishedTask(harness, 'write good.txt good');
    await engine.call('queue/add', { taskIds: [bad.id, good.id] });

    const done = await waitForQueue(harness, 'main', (queue) => settled(queue));
    expect(states(done)).toEqual(['setAside', 'merged']);
    expect(done.entries[0]?.reason).toMatch(
      /^Verify did not pass on the updated branch: `test ! -f bad.txt` exited 1 after .* s\. Send the task a message to fix it, then queue it again\.$/,
    );
    expect(repo.git(['ls-tree', '--name-only', 'main'])).toBe('README.md\ngood.txt');
  });

  it('goes round again when the base moves after the entry was brought up to date, merging on the new tip', async () => {
    harness = await startHarness();
    const { engine, repo, repoId } = harness;
    // The first check waits until main has moved under the queue, as when someone pushes meanwhile.
    const marker = `${repo.path}/.git/queue-moved`;
    const verifyCommand = `while [ ! -f ${marker} ]; do sleep 0.05; done`;
    const task = await finishedTask(harness, 'write one.txt one');
    await engine.call('repo/update', { repoId, settings: { verifyCommand } });
    await engine.call('queue/add', { taskIds: [task.id] });
    await waitForQueue(harness, 'main', (queue) => states(queue)[0] === 'verifying');
    repo.commit({ 'moved.txt': 'moved\n' }, 'moved');
    writeFileSync(marker, '');

    const done = await waitForQueue(harness, 'main', (queue) => states(queue)[0] === 'merged');
    expect(done.entries[0]?.rounds).toBe(2);
    const merge = done.entries[0]?.mergedCommit ?? '';
    expect(repo.git(['log', '-1', '--format=%s', `${merge}^1`])).toBe('moved');
    repo.git(['merge-base', '--is-ancestor', `${merge}^1`, task.branch]);
  });

  it('never merges an entry the user removed while it was being verified', async () => {
    harness = await startHarness();
    const { engine, repo, repoId } = harness;
    const removed = await finishedTask(harness, 'write removed.txt removed');
    const kept = await finishedTask(harness, 'write kept.txt kept');
    const marker = `${repo.path}/.git/queue-go`;
    await engine.call('repo/update', {
      repoId,
      settings: { verifyCommand: `while [ ! -f ${marker} ]; do sleep 0.05; done` },
    });
    await engine.call('queue/add', { taskIds: [removed.id, kept.id] });
    await waitForQueue(harness, 'main', (queue) => states(queue)[0] === 'verifying');
    await engine.call('queue/remove', { taskId: removed.id });
    writeFileSync(marker, '');

    // The queue takes one entry at a time, so once the next is merged the removed one's turn is over.
    await waitForQueue(harness, 'main', (queue) => states(queue)[0] === 'merged');
    expect(repo.git(['ls-tree', '--name-only', 'main'])).toBe('README.md\nkept.txt');
    expect((await engine.call('task/get', { taskId: removed.id })).task.status).toBe('done');
  });

  it('waits while paused and goes on when resumed', async () => {
    harness = await startHarness();
    const { engine, repo } = harness;
    const first = await finishedTask(harness, 'write one.txt one');
    const second = await finishedTask(harness, 'write two.txt two');
    await engine.call('queue/add', { taskIds: [first.id] });
    await waitForQueue(harness, 'main', (queue) => states(queue)[0] === 'merged');
    const main = repo.git(['rev-parse', 'main']);

    expect((await engine.call('queue/pause', { base: 'main' })).queues.map((queue) => queue.paused)).toEqual([true]);
    const { queues } = await engine.call('queue/add', { taskIds: [second.id] });
    expect(states(queues[0] as MergeQueue)).toEqual(['merged', 'queued']);
    expect(states(await queueOf(harness, 'main'))).toEqual(['merged', 'queued']);
    expect(repo.git(['rev-parse', 'main'])).toBe(main);

    await engine.call('queue/resume', {});
    await waitForQueue(harness, 'main', (queue) => states(queue)[1] === 'merged');
    expect(repo.git(['show', 'main:two.txt'])).toBe('two');
  });
});
