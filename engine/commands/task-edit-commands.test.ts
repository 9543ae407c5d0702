import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { reduceTask } from '../../shared/reduce-task.js';
import type { Task } from '../../shared/task.js';
import { threadEventSchema } from '../../shared/events.js';
import { createEngine } from '../engine.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('renaming and archiving a task', () => {
  test('renames and archives a task, records both in its thread, and keeps them across a restart', async () => {
    harness = await startHarness();
    const task = await harness.createTask('say hello');
    await harness.waitFor(task.id, ['done']);
    expect(task.archived).toBe(false);

    const renamed = await harness.engine.call('task/rename', { taskId: task.id, title: '  Greet   the\nuser  ' });
    expect(renamed.task.title).toBe('Greet the user');
    const archived = await harness.engine.call('task/archive', { taskId: task.id, archived: true });
    expect(archived.task).toMatchObject({ archived: true, status: 'done', hasWorktree: true });
    // Doing it again changes nothing and records nothing.
    await harness.engine.call('task/archive', { taskId: task.id, archived: true });
    await harness.engine.call('task/rename', { taskId: task.id, title: 'Greet the user' });
    const thread = await harness.threadOf(task.id);
    expect(
      thread
        .filter((event) => event.type === 'task.renamed' || event.type === 'task.archived')
        .map((event) => event.type),
    ).toEqual(['task.renamed', 'task.archived']);
    // Subscribers (the window) see the events live.
    expect(harness.events.some((event) => event.taskId === task.id && event.type === 'task.archived')).toBe(true);

    await harness.engine.close();
    harness.engine = await createEngine({ home: harness.home });
    expect((await harness.engine.call('task/get', { taskId: task.id })).task).toMatchObject({
      title: 'Greet the user',
      archived: true,
    });
    // The index is a cache: rebuilt from the log alone, the summary is the same.
    await harness.engine.close();
    rmSync(join(harness.home, 'tasks.json'), { force: true });
    harness.engine = await createEngine({ home: harness.home });
    expect((await harness.engine.call('task/get', { taskId: task.id })).task).toMatchObject({
      title: 'Greet the user',
      archived: true,
    });
    const unarchived = await harness.engine.call('task/archive', { taskId: task.id, archived: false });
    expect(unarchived.task.archived).toBe(false);
  });

  test('an old log without the archived flag replays as not archived', () => {
    const created = threadEventSchema.parse({
      type: 'task.created',
      taskId: 'old',
      seq: 1,
      at: '2024-01-01T00:00:00.000Z',
      task: {
        id: 'old',
        repoId: 'r',
        title: 'Old',
        prompt: 'p',
        agent: 'scripted',
        model: null,
        baseRef: 'main',
        baseBranch: 'main',
        baseCommit: 'c',
        branch: 'b',
        worktreePath: '/w',
        hasWorktree: true,
        status: 'done',
        phase: null,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
        turns: 1,
        usage: {
          inputTokens: 0,
          outputTokens: 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
          costUsd: 0,
        },
        lastError: null,
        mergedCommit: null,
        archiveRef: null,
        groupId: null,
      },
    });
    const task = reduceTask(null, created) as Task;
    expect(task.archived).toBe(false);
    const renamed = reduceTask(task, {
      type: 'task.renamed',
      taskId: 'old',
      seq: 2,
      at: '2024-01-02T00:00:00.000Z',
      title: 'New',
    });
    expect(renamed).toMatchObject({ title: 'New', archived: false });
  });

  test('refuses an empty title or an unknown task with what to do', async () => {
    harness = await startHarness();
    const task = await harness.createTask('say hello');
    await expect(harness.engine.call('task/rename', { taskId: task.id, title: '   ' })).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringContaining('cannot be empty'),
    });
    await expect(harness.engine.call('task/archive', { taskId: 'nope', archived: true })).rejects.toMatchObject({
      code: 'notFound',
      message: expect.stringContaining('flotilla list'),
    });
    expect((await harness.engine.call('task/get', { taskId: task.id })).task.title).toBe(task.title);
  });
});
