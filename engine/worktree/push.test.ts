import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

/** A harness whose repository has a bare repository as `name` (default origin). */
async function withRemote(name = 'origin') {
  harness = await startHarness();
  const bare = join(harness.root, `${name}.git`);
  harness.repo.git(['init', '-q', '--bare', bare], harness.root);
  harness.repo.git(['remote', 'add', name, bare]);
  harness.repo.git(['push', '-q', name, 'main']);
  return {
    harness,
    bare,
    remoteGit: (args: string[]) => harness!.repo.git(['--git-dir', bare, ...args], harness!.root),
  };
}

describe('pushing a task branch', () => {
  test('pushes the checkpointed branch, loose edits included, and records where', async () => {
    const { harness, remoteGit } = await withRemote();
    const task = await harness.createTask('write feature.txt from the agent');
    await harness.waitFor(task.id, ['done']);
    // The user touched the worktree after the agent: that edit goes too.
    writeFileSync(join(task.worktreePath, 'by-hand.txt'), 'mine\n');
    const { pushed, task: after } = await harness.engine.call('task/push', { taskId: task.id });
    expect(pushed).toMatchObject({ remote: 'origin', branch: task.branch, pullRequestUrl: null });
    expect(remoteGit(['rev-parse', `refs/heads/${task.branch}`])).toBe(pushed.commit);
    expect(remoteGit(['show', `${task.branch}:by-hand.txt`])).toBe('mine');
    expect(remoteGit(['show', `${task.branch}:feature.txt`])).toBe('from the agent');
    expect(after.pushed).toEqual(pushed);
    expect(harness.repo.git(['config', '--get', `branch.${task.branch}.remote`])).toBe('origin');
    expect((await harness.threadOf(task.id)).filter((event) => event.type === 'pushed')).toHaveLength(1);

    // Another turn, another push: the remote branch moves forward.
    await harness.engine.call('task/send', { taskId: task.id, text: 'append feature.txt  and more' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);
    await harness.waitFor(task.id, ['done']);
    const again = await harness.engine.call('task/push', { taskId: task.id });
    expect(again.pushed.commit).not.toBe(pushed.commit);
    expect(remoteGit(['show', `${task.branch}:feature.txt`])).toBe('from the agent and more');
  });

  test('links to the pull request page of a GitHub remote', async () => {
    const { harness, bare } = await withRemote();
    harness.repo.git(['remote', 'set-url', 'origin', 'git@github.com:acme/shop.git']);
    harness.repo.git(['remote', 'set-url', '--push', 'origin', bare]);
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    const { pushed } = await harness.engine.call('task/push', { taskId: task.id });
    expect(pushed.pullRequestUrl).toBe(`https://github.com/acme/shop/compare/main...${task.branch}?expand=1`);
  });

  test('picks the base branch’s remote, or the one asked for, and names the remotes when asked for a missing one', async () => {
    const { harness, remoteGit } = await withRemote('upstream');
    const fork = join(harness.root, 'fork.git');
    harness.repo.git(['init', '-q', '--bare', fork], harness.root);
    harness.repo.git(['remote', 'add', 'origin', fork]);
    harness.repo.git(['config', 'branch.main.remote', 'upstream']);
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    expect((await harness.engine.call('task/push', { taskId: task.id })).pushed.remote).toBe('upstream');
    expect(remoteGit(['branch', '--list', task.branch])).toContain(task.branch);
    expect((await harness.engine.call('task/push', { taskId: task.id, remote: 'origin' })).pushed.remote).toBe(
      'origin',
    );
    await expect(harness.engine.call('task/push', { taskId: task.id, remote: 'backup' })).rejects.toMatchObject({
      code: 'noRemote',
      message: 'This repository has no remote named "backup". Its remotes: origin, upstream.',
    });
  });

  test('says how to add a remote when there is none', async () => {
    harness = await startHarness();
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    await expect(harness.engine.call('task/push', { taskId: task.id })).rejects.toMatchObject({
      code: 'noRemote',
      message: expect.stringContaining('has no remote to push to. Add one (git remote add origin <url>)'),
    });
    expect((await harness.threadOf(task.id)).some((event) => event.type === 'pushed')).toBe(false);
  });

  test('never overwrites commits someone else pushed to the same branch', async () => {
    const { harness, remoteGit } = await withRemote();
    const task = await harness.createTask('write a.txt one');
    await harness.waitFor(task.id, ['done']);
    await harness.engine.call('task/push', { taskId: task.id });
    // Someone pushes to the task branch on the remote from elsewhere.
    const other = join(harness.root, 'other');
    harness.repo.git(['clone', '-q', '--branch', task.branch, join(harness.root, 'origin.git'), other], harness.root);
    writeFileSync(join(other, 'theirs.txt'), 'theirs\n');
    harness.repo.git(['-c', 'user.name=Other', '-c', 'user.email=o@example.com', 'add', 'theirs.txt'], other);
    harness.repo.git(['-c', 'user.name=Other', '-c', 'user.email=o@example.com', 'commit', '-qm', 'theirs'], other);
    harness.repo.git(['push', '-q', 'origin', task.branch], other);
    const theirs = remoteGit(['rev-parse', `refs/heads/${task.branch}`]);

    await harness.engine.call('task/send', { taskId: task.id, text: 'write b.txt two' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);
    await harness.waitFor(task.id, ['done']);
    await expect(harness.engine.call('task/push', { taskId: task.id })).rejects.toMatchObject({
      code: 'pushFailed',
      message: expect.stringContaining(
        `already has a ${task.branch} with commits this task does not have, so the push was refused rather than overwrite them`,
      ),
    });
    expect(remoteGit(['rev-parse', `refs/heads/${task.branch}`])).toBe(theirs);
  });

  test('waits for a running task rather than push half a turn', async () => {
    const { harness } = await withRemote();
    const task = await harness.createTask('write a.txt one\nsleep 20000');
    await harness.waitFor(task.id, ['running']);
    await harness.waitForEvent(task.id, (event) => event.type === 'tool.finished');
    await expect(harness.engine.call('task/push', { taskId: task.id })).rejects.toMatchObject({ code: 'taskBusy' });
    await harness.engine.call('task/stop', { taskId: task.id });
  });
});
