import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reduceTask } from '../../shared/reduce-task.js';
import type { Task } from '../../shared/task.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

/** The checkpoint commits of a task's thread, oldest first. */
async function checkpoints(taskId: string): Promise<string[]> {
  return (await harness!.threadOf(taskId)).flatMap((event) => (event.type === 'checkpoint' ? [event.commit] : []));
}

/** A task with two turns, each checkpointed: a.txt, then b.txt. */
async function twoTurnTask(): Promise<{ task: Task; first: string; second: string }> {
  harness = await startHarness({ files: { 'README.md': '# app\n', '.gitignore': 'build/\n' } });
  const task = await harness.createTask('write a.txt one');
  await harness.waitFor(task.id, ['done']);
  await harness.engine.call('task/send', { taskId: task.id, text: 'write b.txt two' });
  await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);
  await harness.waitFor(task.id, ['done']);
  const [first, second] = await checkpoints(task.id);
  return { task, first: first!, second: second! };
}

describe('rolling a task back to a checkpoint', () => {
  it('moves the branch and resets the worktree there, keeping the later work (loose files included) under an archive ref', async () => {
    const { task, first, second } = await twoTurnTask();
    const { repo, engine } = harness!;
    // Work after the last checkpoint, and an ignored build file that a reset must not touch.
    writeFileSync(join(task.worktreePath, 'loose.txt'), 'not yet checkpointed\n');
    writeFileSync(join(task.worktreePath, 'a.txt'), 'edited by hand');
    repo.write({ 'build/out.js': 'built\n' }, task.worktreePath);

    const result = await engine.call('task/rollback', { taskId: task.id, commit: first.slice(0, 8) });
    expect(result).toMatchObject({
      commit: first,
      archiveRef: expect.stringMatching(new RegExp(`^refs/flotilla/archive/${task.id}-rollback-\\d{8}T\\d{9}Z$`)),
    });

    // The branch and the worktree are at the checkpoint, with nothing loose.
    expect(repo.git(['rev-parse', task.branch])).toBe(first);
    expect(repo.git(['rev-parse', 'HEAD'], task.worktreePath)).toBe(first);
    expect(repo.git(['status', '--porcelain'], task.worktreePath)).toBe('');
    expect(readFileSync(join(task.worktreePath, 'a.txt'), 'utf8')).toBe('one');
    expect(existsSync(join(task.worktreePath, 'b.txt'))).toBe(false);
    expect(existsSync(join(task.worktreePath, 'loose.txt'))).toBe(false);
    expect(readFileSync(join(task.worktreePath, 'build/out.js'), 'utf8')).toBe('built\n');

    // Everything after it stays reachable from the archive ref: the second turn and the loose work.
    const archived = result.archiveRef;
    expect(result.from).toBe(repo.git(['rev-parse', archived]));
    expect(repo.git(['merge-base', '--is-ancestor', second, archived])).toBe('');
    expect(repo.git(['show', `${archived}:b.txt`])).toBe('two');
    expect(repo.git(['show', `${archived}:loose.txt`])).toBe('not yet checkpointed');
    expect(repo.git(['show', `${archived}:a.txt`])).toBe('edited by hand');

    // The thread says so, the counts and the diff follow, and the log replays to the same task.
    const events = await harness!.threadOf(task.id);
    expect(events.at(-1)).toMatchObject({
      type: 'branch.rolledBack',
      commit: first,
      from: result.from,
      archiveRef: archived,
      changes: { files: 1, additions: 1, deletions: 0 },
    });
    expect(events.at(-2)).toMatchObject({
      type: 'checkpoint',
      message: 'flotilla: checkpoint before rolling back',
      commit: result.from,
    });
    const { diff } = await engine.call('task/diff', { taskId: task.id });
    expect(diff.files.map((file) => file.path)).toEqual(['a.txt']);
    expect(result.task).toMatchObject({
      status: 'done',
      lastCommit: first,
      changes: { files: 1, additions: 1, deletions: 0 },
    });
    const replayed = events.reduce<Task | null>((folded, event) => reduceTask(folded, event), null);
    expect(replayed).toMatchObject({ lastCommit: first, changes: { files: 1 } });

    // Rolling "forward" to the later checkpoint works too, and archives the state it leaves.
    const forward = await engine.call('task/rollback', { taskId: task.id, commit: second });
    expect(readFileSync(join(task.worktreePath, 'b.txt'), 'utf8')).toBe('two');
    expect(repo.git(['rev-parse', forward.archiveRef])).toBe(first);
    expect(forward.archiveRef).not.toBe(archived);
  });

  it('refuses commits that are not checkpoints of the task, and changes nothing', async () => {
    const { task, first } = await twoTurnTask();
    const { repo, engine } = harness!;
    const tip = repo.git(['rev-parse', task.branch]);
    const notOurs = repo.git(['rev-parse', 'main']);
    for (const commit of [notOurs, task.baseCommit, 'deadbeef']) {
      await expect(engine.call('task/rollback', { taskId: task.id, commit })).rejects.toMatchObject({
        code: 'invalidInput',
        message: expect.stringContaining(`is not a checkpoint of task ${task.id}`),
      });
    }
    await expect(engine.call('task/rollback', { taskId: task.id, commit: tip })).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringContaining('already at checkpoint'),
    });
    expect(repo.git(['rev-parse', task.branch])).toBe(tip);
    expect(repo.git(['for-each-ref', '--format=%(refname)', 'refs/flotilla/'])).toBe('');
    expect(first).not.toBe(tip);
  });

  it('refuses while the task runs, and for a discarded task', async () => {
    harness = await startHarness();
    const { engine } = harness;
    const task = await harness.createTask('write a.txt one\nsleep 3000\nwrite b.txt two');
    const checkpoint = await harness.waitForEvent(task.id, (event) => event.type === 'turn.started');
    expect(checkpoint.type).toBe('turn.started');
    await expect(engine.call('task/rollback', { taskId: task.id, commit: 'abcd1234' })).rejects.toMatchObject({
      code: 'taskBusy',
      message: expect.stringContaining('Wait for its turn to end or stop it, then roll back'),
    });
    await harness.waitFor(task.id, ['done']);
    const [first] = await checkpoints(task.id);
    await engine.call('task/discard', { taskId: task.id });
    await expect(engine.call('task/rollback', { taskId: task.id, commit: first! })).rejects.toMatchObject({
      code: 'taskDiscarded',
    });
  });
});
