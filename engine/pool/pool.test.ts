import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PoolWorktree } from '../../shared/pool.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { ofType } from '../../testing/engine/thread-events.js';

let harness: EngineHarness | undefined;

afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

async function poolOf(h: EngineHarness): Promise<PoolWorktree[]> {
  return (await h.engine.call('pool/list', { repoId: h.repoId })).worktrees;
}

/** Waits until the pool has `count` ready worktrees, all at `commit` when given. */
async function poolReady(h: EngineHarness, count: number, commit?: string): Promise<PoolWorktree[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const worktrees = await poolOf(h);
    const ready = worktrees.filter((one) => one.state === 'ready' && (commit === undefined || one.commit === commit));
    if (ready.length === count && worktrees.length === count) return worktrees;
    if (Date.now() > deadline) throw new Error(`pool not ready: ${JSON.stringify(worktrees)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function startPooled(size: number): Promise<EngineHarness> {
  const h = await startHarness({ files: { 'README.md': '# pool\n', 'package-lock.json': '{"v":1}\n' } });
  writeFileSync(join(h.repo.path, '.env'), 'SECRET=1\n');
  await h.engine.call('repo/update', {
    repoId: h.repoId,
    settings: { poolSize: size, setupScript: 'echo prepared >> setup-runs.txt' },
  });
  return h;
}

async function addWorktreeDetail(h: EngineHarness, taskId: string): Promise<string> {
  const events = await h.threadOf(taskId);
  const phase = ofType(events, 'phase.changed').find((e) => e.phase === 'addWorktree' && e.state === 'finished');
  return phase?.detail ?? '';
}

describe('the warm pool', () => {
  it('prepares worktrees ahead; a new task claims one with its files, included files and setup done', async () => {
    harness = await startPooled(2);
    const base = harness.repo.git(['rev-parse', 'main']);
    const pooled = await poolReady(harness, 2, base);
    for (const worktree of pooled) {
      expect(readFileSync(join(worktree.path, 'setup-runs.txt'), 'utf8')).toBe('prepared\n');
      expect(readFileSync(join(worktree.path, '.env'), 'utf8')).toBe('SECRET=1\n');
      expect(worktree.bytes).toBeGreaterThan(0);
    }
    // Pool worktrees are not tasks.
    expect((await harness.engine.call('task/list', {})).tasks).toEqual([]);

    const task = await harness.createTask('write a.txt one');
    const done = await harness.waitFor(task.id, ['done']);
    expect(await addWorktreeDetail(harness, task.id)).toContain('prepared in the warm pool');
    expect(pooled.map((one) => one.path)).not.toContain(done.worktreePath);
    expect(readFileSync(join(done.worktreePath, 'setup-runs.txt'), 'utf8')).toBe('prepared\n');
    expect(harness.repo.git(['-C', done.worktreePath, 'symbolic-ref', 'HEAD'])).toBe(`refs/heads/${done.branch}`);
    expect(harness.repo.git(['rev-parse', `${done.branch}~1`])).toBe(base);
    expect(harness.repo.git(['show', `${done.branch}:a.txt`])).toBe('one');
    // The claimed one left the pool, which fills back up.
    const refilled = await poolReady(harness, 2, base);
    const before = pooled.map((one) => one.path);
    expect(refilled.filter((one) => !before.includes(one.path))).toHaveLength(1);
  }, 60_000);

  it('never hands one worktree to two tasks: 16 at once on a pool of 2', async () => {
    harness = await startPooled(2);
    await harness.engine.call('settings/update', { concurrency: 16 });
    await poolReady(harness, 2);
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'write b.txt two',
      attempts: 16,
    });
    const finished = await Promise.all(tasks.map((task) => harness!.waitFor(task.id, ['done'], 60_000)));
    expect(new Set(finished.map((task) => task.worktreePath)).size).toBe(16);
    const details = await Promise.all(finished.map((task) => addWorktreeDetail(harness!, task.id)));
    const claimed = details.filter((detail) => detail.includes('warm pool')).length;
    expect(claimed).toBeGreaterThanOrEqual(1);
    expect(claimed).toBeLessThanOrEqual(2);
    for (const task of finished) expect(harness.repo.git(['show', `${task.branch}:b.txt`])).toBe('two');
    // Every task's worktree is on its own branch; git lists each path once.
    const listed = harness.repo
      .git(['worktree', 'list', '--porcelain'])
      .split('\n')
      .filter((line) => line.startsWith('worktree '));
    expect(new Set(listed).size).toBe(listed.length);
    const refilled = await poolReady(harness, 2);
    const taskPaths = finished.map((task) => task.worktreePath);
    expect(refilled.filter((one) => taskPaths.includes(one.path))).toEqual([]);
  }, 120_000);

  it('follows the base: a new tip is checked out in place, a changed lock file rebuilds; clear removes them', async () => {
    harness = await startPooled(1);
    const [first] = await poolReady(harness, 1);
    const moved = harness.repo.commit({ 'src.txt': 'new code\n' }, 'more code');
    await harness.engine.call('repo/update', { repoId: harness.repoId, settings: {} });
    const [same] = await poolReady(harness, 1, moved);
    expect(same!.path).toBe(first!.path);
    expect(readFileSync(join(same!.path, 'src.txt'), 'utf8')).toBe('new code\n');

    const locked = harness.repo.commit({ 'package-lock.json': '{"v":2}\n' }, 'new dependencies');
    await harness.engine.call('repo/update', { repoId: harness.repoId, settings: {} });
    const [rebuilt] = await poolReady(harness, 1, locked);
    expect(rebuilt!.path).not.toBe(first!.path);
    expect(existsSync(first!.path)).toBe(false);

    expect((await harness.engine.call('pool/clear', { repoId: harness.repoId })).removed).toBe(1);
    expect(existsSync(rebuilt!.path)).toBe(false);
    expect(await poolOf(harness)).toEqual([]);
  }, 60_000);
});
