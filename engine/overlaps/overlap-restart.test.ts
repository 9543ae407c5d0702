import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
let reopened: Engine | null = null;
afterEach(async () => {
  await reopened?.close();
  reopened = null;
  await harness?.dispose();
  harness = null;
});

async function overlapIds(engine: Engine, taskId: string): Promise<string[]> {
  return (await engine.call('task/get', { taskId })).task.overlaps.map((overlap) => overlap.taskId);
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('overlap warnings across restarts (real git)', () => {
  it('come back from the thread log, and a merge in a one-shot engine clears them for good', async () => {
    harness = await startHarness({ files: { 'README.md': '# Demo\n' } });
    const first = await harness.createTask('write shared.txt one');
    await harness.waitFor(first.id, ['done']);
    const second = await harness.createTask('write shared.txt two');
    await harness.waitFor(second.id, ['done']);
    await until(
      async () => (await harness!.engine.call('task/get', { taskId: first.id })).task.overlaps[0]?.conflicts === true,
    );
    await harness.engine.close();

    // What a one-shot CLI command opens: no queue, no repairs.
    reopened = await createEngine({ home: harness.home, resumeQueued: false, reconcile: false });
    expect(await overlapIds(reopened, first.id)).toEqual([second.id]);
    expect((await reopened.call('task/get', { taskId: first.id })).task.overlaps[0]?.conflicts).toBe(true);
    await reopened.call('task/merge', { taskId: second.id });
    await until(async () => (await overlapIds(reopened!, first.id)).length === 0);
    await reopened.close();

    reopened = await createEngine({ home: harness.home });
    await reopened.call('task/send', { taskId: first.id, text: 'write more.txt more' });
    // The follow-up's turn reads the task's files again: still nothing shared with an open task.
    await until(async () => {
      const { events } = await reopened!.call('task/events', { taskId: first.id });
      return events.some((event) => event.type === 'turn.ended' && event.turn === 2);
    });
    await until(async () => (await reopened!.call('task/get', { taskId: first.id })).task.status === 'done');
    const thread = (await reopened.call('task/events', { taskId: first.id })).events;
    expect(thread.filter((event) => event.type === 'overlaps.changed').at(-1)).toMatchObject({ overlaps: [] });
    expect(await overlapIds(reopened, first.id)).toEqual([]);
  });
});
