import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHarness } from '../../testing/engine/engine-harness.js';
import { failure, runToRest, startVerifyHarness } from '../../testing/engine/verify-kit.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

/** A finished task with a.txt and no verify result, in a repository that now has a verify command. */
async function unverifiedTask(verifyCommand = 'test -f a.txt') {
  harness = await startVerifyHarness();
  const { task } = await runToRest(harness, 'write a.txt hello');
  await harness.engine.call('repo/update', { repoId: harness.repoId, settings: { verifyCommand } });
  return task;
}

const mainHas = (file: string) => harness!.repo.git(['ls-tree', '--name-only', 'main']).split('\n').includes(file);

describe('merging with "Require passing checks to merge"', () => {
  it('is on by default once a verify command is set, and refuses a task whose checks never ran', async () => {
    const task = await unverifiedTask();
    const { preview } = await harness!.engine.call('task/mergePreview', { taskId: task.id });
    expect(preview.checks).toEqual({ command: 'test -f a.txt', required: true, state: 'none', result: null });
    const refused = await failure(harness!.engine.call('task/merge', { taskId: task.id }));
    expect(refused.code).toBe('unverified');
    expect(refused.message).toContain('its checks have not run');
    expect(refused.message).toContain(`\`flotilla verify ${task.id}\``);
    expect(refused.message).toContain('--force-unverified');
    expect(mainHas('a.txt')).toBe(false);
    const { task: after } = await harness!.engine.call('task/get', { taskId: task.id });
    expect(after.status).toBe('done');
  });

  it('merges anyway with forceUnverified', async () => {
    const task = await unverifiedTask();
    const merged = await harness!.engine.call('task/merge', { taskId: task.id, forceUnverified: true });
    expect(merged.task.status).toBe('merged');
    expect(mainHas('a.txt')).toBe(true);
  });

  it('refuses a failed result and merges a passing, current one', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'test -f b.txt', verifyRetries: 0 });
    const { task } = await runToRest(harness, 'write a.txt hello');
    expect(task.lastVerify?.passed).toBe(false);
    const { preview } = await harness.engine.call('task/mergePreview', { taskId: task.id });
    expect(preview.checks?.state).toBe('failed');
    expect(preview.checks?.result).toEqual(task.lastVerify);
    const refused = await failure(harness.engine.call('task/merge', { taskId: task.id }));
    expect(refused.code).toBe('unverified');
    expect(refused.message).toContain('its checks failed');
    await harness.engine.call('task/send', { taskId: task.id, text: 'write b.txt now' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.started' && event.turn === 2);
    const passed = await harness.waitFor(task.id, ['done']);
    expect(passed.lastVerify?.passed).toBe(true);
    const current = await harness.engine.call('task/mergePreview', { taskId: task.id });
    expect(current.preview.checks?.state).toBe('passed');
    await harness.engine.call('task/merge', { taskId: task.id });
    expect(mainHas('b.txt')).toBe(true);
  });

  it('refuses a passing result that is stale: the tip moved after it (a commit, or loose work)', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'true' });
    const { task } = await runToRest(harness, 'write a.txt hello');
    expect(task.lastVerify?.passed).toBe(true);
    // Loose work would be checkpointed by the merge, so the preview already calls the result stale.
    writeFileSync(join(task.worktreePath, 'late.txt'), 'after the checks\n');
    const loose = await harness.engine.call('task/mergePreview', { taskId: task.id });
    expect(loose.preview.checks).toMatchObject({ state: 'stale', required: true, result: task.lastVerify });
    const refused = await failure(harness.engine.call('task/merge', { taskId: task.id }));
    expect(refused.code).toBe('unverified');
    expect(refused.message).toContain('its last checks ran on an older commit than the one being merged');
    // Nothing was lost: the refused merge checkpointed the loose file on the task branch.
    expect(harness.repo.git(['show', `${task.branch}:late.txt`])).toBe('after the checks');
    // A commit made by hand in the worktree moves the tip too.
    harness.repo.write({ 'hand.txt': 'by hand\n' }, task.worktreePath);
    harness.repo.git(['add', 'hand.txt'], task.worktreePath);
    harness.repo.git(['commit', '-q', '-m', 'by hand'], task.worktreePath);
    const committed = await harness.engine.call('task/mergePreview', { taskId: task.id });
    expect(committed.preview.checks?.state).toBe('stale');
    expect((await failure(harness.engine.call('task/merge', { taskId: task.id }))).code).toBe('unverified');
    // Running the checks again makes them current.
    await harness.engine.call('task/verify', { taskId: task.id });
    await harness.engine.call('task/merge', { taskId: task.id });
    expect(mainHas('hand.txt')).toBe(true);
  });

  it('merges without a passing result when the repository does not require one', async () => {
    const task = await unverifiedTask();
    await harness!.engine.call('repo/update', { repoId: harness!.repoId, settings: { requirePassingChecks: false } });
    const { preview } = await harness!.engine.call('task/mergePreview', { taskId: task.id });
    expect(preview.checks).toMatchObject({ command: 'test -f a.txt', required: false, state: 'none' });
    await harness!.engine.call('task/merge', { taskId: task.id });
    expect(mainHas('a.txt')).toBe(true);
  });
});

describe('picking an attempt of a group', () => {
  it('is refused like a merge when the attempt failed its checks, and forceUnverified picks it anyway', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'exit 1', verifyRetries: 0 });
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'write a.txt hello',
      agent: 'scripted',
      attempts: 2,
    });
    for (const task of tasks) await harness.waitFor(task.id, ['done']);
    const refused = await failure(harness.engine.call('group/pick', { taskId: tasks[0]!.id }));
    expect(refused.code).toBe('unverified');
    expect(refused.message).toContain('its checks failed');
    const { task: untouched } = await harness.engine.call('task/get', { taskId: tasks[1]!.id });
    expect(untouched.status).toBe('done');
    const picked = await harness.engine.call('group/pick', { taskId: tasks[0]!.id, forceUnverified: true });
    expect(picked.discarded).toEqual([tasks[1]!.id]);
    expect(mainHas('a.txt')).toBe(true);
  });
});

describe('task/verify: running the checks now', () => {
  it('checkpoints loose work, runs the checks on it and returns the result; a failure sends nothing back', async () => {
    const task = await unverifiedTask('test -f extra.txt');
    writeFileSync(join(task.worktreePath, 'extra.txt'), 'loose\n');
    const { result, task: after } = await harness!.engine.call('task/verify', { taskId: task.id });
    expect(result).toMatchObject({ passed: true, command: 'test -f extra.txt' });
    expect(result.commit).toBe(harness!.repo.git(['rev-parse', task.branch]));
    expect(harness!.repo.git(['show', `${task.branch}:extra.txt`])).toBe('loose');
    expect(after.lastVerify).toEqual(result);
    expect(after.status).toBe('done');
    const thread = await harness!.threadOf(task.id);
    expect(thread.find((event) => event.type === 'verify.started')).toMatchObject({ trigger: 'request' });

    await harness!.engine.call('repo/update', { repoId: harness!.repoId, settings: { verifyCommand: 'exit 4' } });
    const failed = await harness!.engine.call('task/verify', { taskId: task.id });
    expect(failed.result).toMatchObject({ passed: false, exitCode: 4 });
    const later = await harness!.threadOf(task.id);
    expect(later.filter((event) => event.type === 'user.message')).toHaveLength(1);
    expect(later.filter((event) => event.type === 'turn.started')).toHaveLength(1);
    expect(failed.task.status).toBe('done');
  });

  it('says noVerifyCommand and where to set one when the repository has none', async () => {
    harness = await startVerifyHarness();
    const { task } = await runToRest(harness, 'write a.txt hello');
    const refused = await failure(harness.engine.call('task/verify', { taskId: task.id }));
    expect(refused.code).toBe('noVerifyCommand');
    expect(refused.message).toContain("Set one in the repository's settings");
    expect(refused.message).toContain('repo/suggestVerify');
  });

  it('a stop while they run ends them stopped and says so', async () => {
    const task = await unverifiedTask('echo running; sleep 876435');
    const running = harness!.engine.call('task/verify', { taskId: task.id });
    await harness!.waitForEvent(task.id, (event) => event.type === 'verify.output');
    await harness!.engine.call('task/stop', { taskId: task.id });
    const { result, task: after } = await running;
    expect(result).toMatchObject({ outcome: 'stopped', passed: false });
    expect(after.status).toBe('stopped');
    const statuses = (await harness!.threadOf(task.id)).filter((event) => event.type === 'status.changed');
    expect(statuses.at(-1)).toMatchObject({ status: 'stopped' });
    expect(JSON.stringify(statuses.at(-1))).toMatch(
      /Stopped while verifying: `echo running; sleep 876435` was stopped/,
    );
  });

  it('is refused while the agent works, saying to wait or stop it', async () => {
    harness = await startVerifyHarness({ verifyCommand: 'true' });
    const task = await harness.createTask('sleep 20000\nwrite a.txt late', { agent: 'scripted' });
    await harness.waitFor(task.id, ['running']);
    const refused = await failure(harness.engine.call('task/verify', { taskId: task.id }));
    expect(refused.code).toBe('taskBusy');
    expect(refused.message).toContain('run its checks');
    await harness.engine.call('task/stop', { taskId: task.id });
  });
});
