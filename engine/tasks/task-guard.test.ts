import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task.js';
import { bareContext, type BareContext } from '../../testing/engine/bare-context.js';
import { removeTemp } from '../../testing/engine/temp-repo.js';
import { guardTask, type TaskGuardOptions } from './task-guard.js';

let bare: BareContext | null = null;

afterEach(async () => {
  if (!bare) return;
  await bare.state.shutdown();
  removeTemp(bare.root);
  bare = null;
});

const merge: TaskGuardOptions = { action: 'merge', worktree: 'review', idle: true };
const rollback: TaskGuardOptions = { action: 'roll back', worktree: 'rollback', idle: true };
const remove: TaskGuardOptions = { action: 'remove its worktree', worktree: 'removable', idle: false };

/** A task whose worktree really exists on its own branch. */
function withWorktree(setup: BareContext, change: Partial<Task> = {}) {
  const record = setup.addTask({ status: 'done', hasWorktree: true, ...change });
  setup.repo.git(['worktree', 'add', '-q', '-b', record.task.branch, record.task.worktreePath]);
  return record;
}

describe('guardTask', () => {
  const refusals: {
    name: string;
    task: Partial<Task> | 'worktree' | 'running-worktree';
    options: TaskGuardOptions;
    code: string;
    message: (id: string) => string;
  }[] = [
    {
      name: 'a discarded task, for review',
      task: { status: 'discarded' },
      options: merge,
      code: 'taskDiscarded',
      message: (id) => `Task ${id} was discarded. Restore it first (\`flotilla restore ${id}\`).`,
    },
    {
      name: 'a merged task whose worktree was removed',
      task: { status: 'merged' },
      options: merge,
      code: 'noWorktree',
      message: (id) => `Task ${id} was merged and its worktree removed; its branch flotilla/${id} is kept.`,
    },
    {
      name: 'a task without a worktree yet (review names the worktree before the busy status)',
      task: { status: 'queued' },
      options: merge,
      code: 'noWorktree',
      message: (id) =>
        `Task ${id} has no worktree yet (status: queued). Wait for it to start, or send it a message to retry.`,
    },
    {
      name: 'a running task, naming the action',
      task: 'running-worktree',
      options: merge,
      code: 'taskBusy',
      message: (id) => `Task ${id} is running. Wait for its turn to end or stop it, then merge.`,
    },
    {
      name: 'a busy task before its worktree, for rollback',
      task: { status: 'preparing' },
      options: rollback,
      code: 'taskBusy',
      message: (id) => `Task ${id} is preparing. Wait for its turn to end or stop it, then roll back.`,
    },
    {
      name: 'a discarded task, for rollback',
      task: { status: 'discarded' },
      options: rollback,
      code: 'taskDiscarded',
      message: (id) => `Task ${id} was discarded. Restore it first (\`flotilla restore ${id}\`), then roll back.`,
    },
    {
      name: 'a merged task, for rollback',
      task: { status: 'merged', hasWorktree: true },
      options: rollback,
      code: 'invalidInput',
      message: (id) => `Task ${id} is merged: rolling back its branch would not take anything out of main.`,
    },
    {
      name: 'a task without a worktree, for rollback',
      task: { status: 'done' },
      options: rollback,
      code: 'noWorktree',
      message: (id) => `Task ${id} has no worktree to roll back (status: done).`,
    },
    {
      name: 'removing the worktree of a task not merged',
      task: 'worktree',
      options: remove,
      code: 'invalidInput',
      message: (id) => `Task ${id} is done, not merged, so its worktree may hold work that exists nowhere else.`,
    },
    {
      name: 'removing the worktree of a merged task that has none',
      task: { status: 'merged' },
      options: remove,
      code: 'noWorktree',
      message: (id) => `Task ${id} has no worktree to remove; its branch flotilla/${id} keeps the work.`,
    },
  ];

  for (const refusal of refusals) {
    it(`refuses ${refusal.name}`, async () => {
      bare = await bareContext();
      const setup = bare;
      const record =
        refusal.task === 'worktree'
          ? withWorktree(setup)
          : refusal.task === 'running-worktree'
            ? withWorktree(setup, { status: 'running' })
            : setup.addTask(refusal.task);
      const seq = record.seq;
      const error = await guardTask(setup.context, record.task.id, {
        ...refusal.options,
        checkpoint: 'flotilla: checkpoint',
      }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        code: refusal.code,
        message: expect.stringContaining(refusal.message(record.task.id)),
      });
      // A refusal changes nothing: no checkpoint, no event.
      expect(record.seq).toBe(seq);
    });
  }

  it('refuses an unknown task, pointing at the list', async () => {
    bare = await bareContext();
    await expect(guardTask(bare.context, 'nope', merge)).rejects.toMatchObject({
      code: 'notFound',
      message: 'No task with id "nope". See `flotilla list` for task ids.',
    });
  });

  it('refuses when the repository folder is gone, after the task checks', async () => {
    bare = await bareContext();
    const record = withWorktree(bare);
    bare.context.config.repos.get(bare.repoId)!.repo.path = join(bare.root, 'moved-away');
    await expect(guardTask(bare.context, record.task.id, merge)).rejects.toMatchObject({
      code: 'folderMissing',
      message: expect.stringContaining('moved-away no longer exists'),
    });
  });

  it('lets an action that does not need an idle task through while it runs', async () => {
    bare = await bareContext();
    const record = withWorktree(bare, { status: 'running' });
    const guarded = await guardTask(bare.context, record.task.id, {
      action: 'preview the merge',
      worktree: 'review',
      idle: false,
    });
    expect(guarded.worktree).toBe(record.task.worktreePath);
    expect(guarded.entry.repo.id).toBe(bare.repoId);
  });

  it('checkpoints loose work once every check passed, and not when the checkpoint message refuses', async () => {
    bare = await bareContext();
    const record = withWorktree(bare);
    writeFileSync(join(record.task.worktreePath, 'loose.txt'), 'work\n');
    await expect(
      guardTask(bare.context, record.task.id, {
        ...merge,
        checkpoint: () => {
          throw new Error('no target branch');
        },
      }),
    ).rejects.toThrow('no target branch');
    expect(bare.repo.git(['log', '--format=%s', '-1', record.task.branch])).not.toBe(
      'flotilla: checkpoint before merge',
    );
    const guarded = await guardTask(bare.context, record.task.id, {
      ...merge,
      checkpoint: 'flotilla: checkpoint before merge',
    });
    expect(guarded.record).toBe(record);
    expect(bare.repo.git(['log', '--format=%s', '-1', record.task.branch])).toBe('flotilla: checkpoint before merge');
    expect(bare.repo.git(['show', `${record.task.branch}:loose.txt`])).toBe('work');
    expect(existsSync(record.task.worktreePath)).toBe(true);
  });
});
