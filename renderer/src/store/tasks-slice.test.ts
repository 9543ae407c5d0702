import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type EngineHarness } from '../../../testing/engine/engine-harness.js';
import type { Task } from '../../../shared/task.js';
import { eventStream, sampleTask } from '../../../testing/renderer/events.js';
import { foldTaskEvents, mergeTasks } from './tasks-slice.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('tasks slice', () => {
  it('folds a real task’s event stream into exactly the task the engine reports', async () => {
    harness = await startHarness();
    const created = await harness.createTask('write notes.txt hello\nsay all done', { agent: 'scripted' });
    await harness.waitFor(created.id, ['done']);
    const { task } = await harness.engine.call('task/get', { taskId: created.id });
    const events = harness.events.filter((event) => event.taskId === created.id);
    expect(events.length).toBeGreaterThan(5);

    // Batches of every size, as animation frames would deliver them.
    let tasks: Record<string, Task> = {};
    for (let start = 0, size = 1; start < events.length; start += size, size += 1)
      tasks = foldTaskEvents(tasks, events.slice(start, start + size));
    expect(tasks[created.id]).toEqual(task);
    expect(tasks[created.id]?.status).toBe('done');
  });

  it('returns the same map when a batch changes nothing, and ignores events of unknown tasks', () => {
    const next = eventStream('ghost');
    const tasks = { t1: sampleTask() };
    expect(
      foldTaskEvents(tasks, [next({ type: 'status.changed', status: 'running', previous: 'queued', message: null })]),
    ).toBe(tasks);
    expect(foldTaskEvents(tasks, [])).toBe(tasks);
  });

  it('keeps a live copy newer than a fetched list', () => {
    const live = sampleTask({ status: 'running', updatedAt: '2025-01-01T00:00:05.000Z' });
    const stale = sampleTask({ status: 'queued', updatedAt: '2025-01-01T00:00:01.000Z' });
    expect(mergeTasks({ t1: live }, [stale]).t1?.status).toBe('running');
    expect(mergeTasks({ t1: stale }, [live]).t1?.status).toBe('running');
  });
});
