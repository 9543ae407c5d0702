import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

function flotillaBranches(h: EngineHarness): string[] {
  return h.repo.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/flotilla/']).split('\n').filter(Boolean);
}

function linkedWorktrees(h: EngineHarness): string[] {
  return h.repo
    .git(['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('worktree '))
    .map((line) => line.slice('worktree '.length))
    .filter((path) => path !== h.repo.path);
}

describe('worktree per task', () => {
  it('creates 8 tasks at once: 8 worktrees, 0 failures, 0 orphans', async () => {
    harness = await startHarness();
    await harness.engine.call('settings/update', { concurrency: 8 });
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'write out.txt hello',
      attempts: 8,
    });
    expect(tasks).toHaveLength(8);
    expect(new Set(tasks.map((task) => task.groupId)).size).toBe(1);
    const finished = await Promise.all(tasks.map((task) => harness!.waitFor(task.id, ['done', 'failed'])));
    expect(finished.map((task) => task.status)).toEqual(Array(8).fill('done'));
    expect(linkedWorktrees(harness).sort()).toEqual(tasks.map((task) => task.worktreePath).sort());
    expect(flotillaBranches(harness).sort()).toEqual(tasks.map((task) => task.branch).sort());
    for (const task of tasks) expect(readFileSync(join(task.worktreePath, 'out.txt'), 'utf8')).toBe('hello');
    // The user's checkout never changed.
    expect(harness.repo.git(['status', '--porcelain'])).toBe('');
  });

  it('copies included files and streams the setup script into the thread', async () => {
    harness = await startHarness({ files: { 'README.md': 'x\n', '.gitignore': '.env*\n' } });
    harness.repo.write({ '.env': 'SECRET=1\n', '.env.local': 'LOCAL=1\n', 'notes.txt': 'not copied\n' });
    await harness.engine.call('repo/update', {
      repoId: harness.repoId,
      settings: { setupScript: 'echo installing; echo done > setup-ran.txt' },
    });
    const task = await harness.createTask('say hi');
    await harness.waitFor(task.id, ['done']);
    expect(readFileSync(join(task.worktreePath, '.env'), 'utf8')).toBe('SECRET=1\n');
    expect(existsSync(join(task.worktreePath, '.env.local'))).toBe(true);
    expect(existsSync(join(task.worktreePath, 'notes.txt'))).toBe(false);
    expect(existsSync(join(task.worktreePath, 'setup-ran.txt'))).toBe(true);
    const output = harness.events
      .flatMap((event) => (event.type === 'phase.output' && event.taskId === task.id ? [event.text] : []))
      .join('');
    expect(output).toContain('installing');
    const timed = harness.events.filter(
      (event) => event.type === 'phase.changed' && event.state === 'finished' && event.taskId === task.id,
    );
    expect(timed.every((event) => event.type === 'phase.changed' && typeof event.durationMs === 'number')).toBe(true);
  });

  it('rolls back completely when the setup script fails', async () => {
    harness = await startHarness();
    await harness.engine.call('repo/update', {
      repoId: harness.repoId,
      settings: { setupScript: 'echo about to fail; exit 3' },
    });
    const task = await harness.createTask('say hi');
    const failed = await harness.waitFor(task.id, ['failed', 'done']);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/exited with code 3/);
    expect(failed.hasWorktree).toBe(false);
    expect(existsSync(task.worktreePath)).toBe(false);
    expect(flotillaBranches(harness)).toEqual([]);
    expect(linkedWorktrees(harness)).toEqual([]);
    // A retry after fixing the script works.
    await harness.engine.call('repo/update', { repoId: harness.repoId, settings: { setupScript: '' } });
    await harness.engine.call('task/send', { taskId: task.id, text: 'write fixed.txt yes' });
    const retried = await harness.waitFor(task.id, ['done', 'failed']);
    expect(retried.status).toBe('done');
    expect(existsSync(join(task.worktreePath, 'fixed.txt'))).toBe(true);
  });

  it('starts from any branch, tag or commit', async () => {
    harness = await startHarness();
    const first = harness.repo.git(['rev-parse', 'HEAD']);
    harness.repo.git(['tag', 'v1']);
    harness.repo.git(['branch', 'feature']);
    harness.repo.commit({ 'later.txt': 'later\n' });
    for (const base of ['feature', 'v1', first.slice(0, 10)]) {
      const task = await harness.createTask('say hi', { base });
      const done = await harness.waitFor(task.id, ['done', 'failed']);
      expect(done.baseCommit).toBe(first);
      expect(existsSync(join(done.worktreePath, 'later.txt'))).toBe(false);
      expect(done.baseBranch).toBe(base === 'feature' ? 'feature' : null);
    }
    expect(readdirSync(join(harness.home, 'worktrees')).length).toBe(1);
  });
});

describe('scheduling', () => {
  it('queues tasks over the concurrency limit and starts them in order; stop cancels queued and running tasks', async () => {
    harness = await startHarness();
    await harness.engine.call('settings/update', { concurrency: 1 });
    const first = await harness.createTask('sleep 600\nwrite first.txt 1');
    const second = await harness.createTask('write second.txt 2');
    const third = await harness.createTask('write third.txt 3');
    await harness.waitFor(first.id, ['running']);
    expect((await harness.engine.call('task/get', { taskId: second.id })).task.status).toBe('queued');
    await harness.engine.call('task/stop', { taskId: third.id });
    expect((await harness.engine.call('task/get', { taskId: third.id })).task.status).toBe('stopped');
    await harness.waitFor(second.id, ['done']);
    const order = harness.events
      .filter((event) => event.type === 'status.changed' && event.status === 'running')
      .map((event) => event.taskId);
    expect(order).toEqual([first.id, second.id]);
    expect(existsSync(third.worktreePath)).toBe(false);

    const slow = await harness.createTask('write partial.txt started\nsleep 30000\nwrite never.txt x');
    await harness.waitFor(slow.id, ['running']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = await harness.engine.call('task/stop', { taskId: slow.id });
    expect(stopped.task.status).toBe('stopped');
    expect(existsSync(join(slow.worktreePath, 'never.txt'))).toBe(false);
    // The stopped turn's partial work is checkpointed, not left loose.
    expect(harness.repo.git(['show', `${slow.branch}:partial.txt`])).toBe('started');
  });
});

describe('setup scripts', () => {
  it('never see API keys or Node switches from the engine environment', async () => {
    const saved = { ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY, GITHUB_TOKEN: process.env.GITHUB_TOKEN };
    process.env.ANTHROPIC_API_KEY = 'sk-secret';
    process.env.GITHUB_TOKEN = 'ghp-secret';
    try {
      harness = await startHarness();
      await harness.engine.call('repo/update', {
        repoId: harness.repoId,
        settings: { setupScript: 'env > setup-env.txt' },
      });
      const task = await harness.createTask('say hi');
      await harness.waitFor(task.id, ['done']);
      const env = readFileSync(join(task.worktreePath, 'setup-env.txt'), 'utf8');
      expect(env).toContain('FLOTILLA_WORKTREE=');
      expect(env).toContain('PATH=');
      expect(env).not.toContain('secret');
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe('a task stopped while its worktree is being created', () => {
  it('no longer claims the rolled-back worktree, so a follow-up creates it again and runs', async () => {
    harness = await startHarness();
    const h = harness;
    let stopping: Promise<unknown> | null = null;
    // Stopped between phases (the worktree is there, the included files are being copied), the task rolls it back.
    h.engine.subscribe((event) => {
      if (event.type === 'phase.changed' && event.phase === 'addWorktree' && event.state === 'finished')
        stopping ??= h.engine.call('task/stop', { taskId: event.taskId });
    });
    const task = await h.createTask('write out.txt hello');
    const stopped = await h.waitFor(task.id, ['stopped', 'done']);
    await stopping;
    expect(stopped.status).toBe('stopped');
    const thread = await h.threadOf(task.id);
    expect(
      thread.some(
        (event) =>
          event.type === 'status.changed' && event.message?.includes('Stopped while its worktree was being created'),
      ),
    ).toBe(true);
    expect(stopped.hasWorktree).toBe(false);
    expect(existsSync(task.worktreePath)).toBe(false);
    await h.engine.call('task/send', { taskId: task.id, text: 'write again.txt second try' });
    await h.waitFor(task.id, ['done', 'failed']);
    const { task: done } = await h.engine.call('task/get', { taskId: task.id });
    expect(done.status).toBe('done');
    expect(readFileSync(join(task.worktreePath, 'again.txt'), 'utf8')).toBe('second try');
  });
});

describe('a stop that is still settling when the engine closes', () => {
  it('stays a stop: the task is not queued to start again by itself on the next start', async () => {
    harness = await startHarness();
    const h = harness;
    let settling: Promise<unknown> | null = null;
    h.engine.subscribe((event) => {
      if (event.type === 'phase.changed' && event.phase === 'addWorktree' && event.state === 'finished')
        settling ??= Promise.all([h.engine.call('task/stop', { taskId: event.taskId }), h.engine.close()]);
    });
    const task = await h.createTask('write out.txt hello');
    await expect.poll(() => settling, { timeout: 30_000 }).not.toBeNull();
    await settling;
    h.engine = await createEngine({ home: h.home });
    const { task: reopened } = await h.engine.call('task/get', { taskId: task.id });
    expect(reopened.status).toBe('stopped');
    expect(reopened.hasWorktree).toBe(false);
  });
});
