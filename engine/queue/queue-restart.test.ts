import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { finishedTask, waitForQueue } from '../../testing/engine/queue-kit.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('the merge queue across an engine restart', () => {
  it('resumes where it was: the entry being verified goes round again, and the rest follow in order', async () => {
    harness = await startHarness();
    const { engine, repo, repoId, home } = harness;
    const first = await finishedTask(harness, 'write one.txt one');
    const second = await finishedTask(harness, 'write two.txt two');
    // The check waits for a file the test writes only after the restart.
    const marker = `${repo.path}/.git/queue-go`;
    await engine.call('repo/update', {
      repoId,
      settings: { verifyCommand: `while [ ! -f ${marker} ]; do sleep 0.05; done` },
    });
    await engine.call('queue/add', { taskIds: [first.id, second.id] });
    await waitForQueue(harness, 'main', (queue) => queue.entries[0]?.state === 'verifying');
    const main = repo.git(['rev-parse', 'main']);
    process.stderr.write('closing\n');
    await engine.close();

    const saved = JSON.parse(readFileSync(join(home, 'merge-queues.json'), 'utf8'));
    expect(saved.queues[0].entries.map((entry: { state: string }) => entry.state)).toEqual(['verifying', 'queued']);
    expect(repo.git(['rev-parse', 'main'])).toBe(main);

    writeFileSync(marker, '');
    harness.engine = await createEngine({ home });
    const { task } = await harness.engine.call('task/get', { taskId: first.id });
    expect(task.status).toBe('done');
    const done = await waitForQueue(harness, 'main', (queue) => queue.entries.every((one) => one.state === 'merged'));
    expect(done.entries.map((entry) => entry.taskId)).toEqual([first.id, second.id]);
    expect(repo.git(['ls-tree', '--name-only', 'main'])).toBe('README.md\none.txt\ntwo.txt');
  });
});
