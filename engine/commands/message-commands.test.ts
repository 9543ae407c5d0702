import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { ofType } from '../../testing/engine/thread-events.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

async function followUp(h: EngineHarness, taskId: string, text: string): Promise<number> {
  await h.engine.call('task/send', { taskId, text });
  const sent = ofType(await h.threadOf(taskId), 'user.message').find((event) => event.text === text);
  return sent!.seq;
}

describe('cancelling a queued follow-up', () => {
  it('takes a message sent during a turn out of the queue, so it never runs; one whose turn started is refused', async () => {
    harness = await startHarness();
    const task = await harness.createTask('sleep 1500\nwrite first.txt 1', { agent: 'scripted' });
    await harness.waitFor(task.id, ['running']);
    const seq = await followUp(harness, task.id, 'write cancelled.txt never');
    const kept = await followUp(harness, task.id, 'write kept.txt yes');
    await harness.engine.call('task/cancelMessage', { taskId: task.id, seq });
    await expect(harness.engine.call('task/cancelMessage', { taskId: task.id, seq })).rejects.toThrow(
      /already cancelled/,
    );
    const prompt = ofType(await harness.threadOf(task.id), 'user.message')[0]!.seq;
    await expect(harness.engine.call('task/cancelMessage', { taskId: task.id, seq: prompt })).rejects.toThrow(
      /already started on that message, so it can no longer be cancelled/,
    );
    await expect(harness.engine.call('task/cancelMessage', { taskId: task.id, seq: 9999 })).rejects.toThrow(
      /has no message #9999/,
    );

    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);
    expect((await harness.waitFor(task.id, ['done'])).turns).toBe(2);
    expect(existsSync(join(task.worktreePath, 'kept.txt'))).toBe(true);
    expect(existsSync(join(task.worktreePath, 'cancelled.txt'))).toBe(false);
    expect(ofType(await harness.threadOf(task.id), 'message.cancelled')).toMatchObject([{ messageSeq: seq }]);
    await expect(harness.engine.call('task/cancelMessage', { taskId: task.id, seq: kept })).rejects.toThrow(
      /already started/,
    );
  });

  it('a cancelled message stays cancelled after a restart: the queued task runs its other messages only', async () => {
    harness = await startHarness();
    await harness.engine.call('settings/update', { concurrency: 1 });
    const busy = await harness.createTask('sleep 60000', { agent: 'scripted' });
    await harness.waitFor(busy.id, ['running']);
    const waiting = await harness.createTask('write prompt.txt yes', { agent: 'scripted' });
    const seq = await followUp(harness, waiting.id, 'write cancelled.txt never');
    await harness.engine.call('task/cancelMessage', { taskId: waiting.id, seq });
    expect((await harness.engine.call('task/get', { taskId: waiting.id })).task.status).toBe('queued');
    await harness.engine.close();

    harness.engine = await createEngine({ home: harness.home });
    const finished = await harness.waitFor(waiting.id, ['done']);
    expect(finished.turns).toBe(1);
    expect(existsSync(join(waiting.worktreePath, 'prompt.txt'))).toBe(true);
    expect(existsSync(join(waiting.worktreePath, 'cancelled.txt'))).toBe(false);
  });

  it('a follow-up waiting only for a free slot, once cancelled, leaves the task as it was', async () => {
    harness = await startHarness();
    const finished = await harness.createTask('write a.txt 1', { agent: 'scripted' });
    await harness.waitFor(finished.id, ['done']);
    await harness.engine.call('settings/update', { concurrency: 1 });
    const busy = await harness.createTask('sleep 1000', { agent: 'scripted' });
    await harness.waitFor(busy.id, ['running']);
    const seq = await followUp(harness, finished.id, 'write later.txt 2');
    expect((await harness.engine.call('task/get', { taskId: finished.id })).task.status).toBe('queued');
    const { task } = await harness.engine.call('task/cancelMessage', { taskId: finished.id, seq });
    expect(task.status).toBe('done');
    await harness.waitFor(busy.id, ['done']);
    // The freed slot does not start the task again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = (await harness.engine.call('task/get', { taskId: finished.id })).task;
    expect(after).toMatchObject({ status: 'done', turns: 1 });
    expect(existsSync(join(finished.worktreePath, 'later.txt'))).toBe(false);
  });
});
