import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ThreadEvent } from '../../shared/events.js';
import { createEngine } from '../engine.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

describe('start-up reconciliation', () => {
  it('recreates deleted worktrees, removes stale locks, prunes entries and reports orphan branches', async () => {
    harness = await startHarness();
    const { repo } = harness;
    const lost = await harness.createTask('write lost.txt committed work');
    const locked = await harness.createTask('write locked.txt x');
    await harness.waitFor(lost.id, ['done']);
    await harness.waitFor(locked.id, ['done']);
    await harness.engine.close();

    rmSync(lost.worktreePath, { recursive: true, force: true });
    const gitDir = readFileSync(join(locked.worktreePath, '.git'), 'utf8').replace('gitdir:', '').trim();
    writeFileSync(join(gitDir, 'index.lock'), '');
    repo.git(['branch', 'flotilla/orphan-123']);

    const engine = await createEngine({ home: harness.home });
    harness.engine = engine;
    const lostTask = (await engine.call('task/get', { taskId: lost.id })).task;
    expect(lostTask.status).toBe('done');
    expect(readFileSync(join(lost.worktreePath, 'lost.txt'), 'utf8')).toBe('committed work');
    const lostEvents = (await engine.call('task/events', { taskId: lost.id })).events;
    expect(lostEvents.some((event) => event.type === 'notice' && /deleted outside Flotilla/.test(event.message))).toBe(
      true,
    );
    expect(
      lostEvents.some((event) => event.type === 'notice' && /Pruned a stale git worktree entry/.test(event.message)),
    ).toBe(true);

    expect(existsSync(join(gitDir, 'index.lock'))).toBe(false);
    const lockedEvents = (await engine.call('task/events', { taskId: locked.id })).events;
    expect(lockedEvents.some((event) => event.type === 'notice' && /stale git index lock/.test(event.message))).toBe(
      true,
    );
    // The worktree is usable again: a follow-up can commit.
    await engine.call('task/send', { taskId: locked.id, text: 'write after.txt y' });
    await harness.waitFor(locked.id, ['done']);
    expect(repo.git(['show', `${locked.branch}:after.txt`])).toBe('y');

    const { notices } = await engine.call('engine/info', {});
    expect(notices.join('\n')).toMatch(/flotilla\/orphan-123.*belongs to no Flotilla task/);
    expect(repo.git(['branch', '--list', 'flotilla/orphan-123'])).toContain('orphan-123');
  });

  it('an engine restarted over healthy worktrees reports nothing stale and unlocks nothing; only a truly stale entry is pruned and reported', async () => {
    harness = await startHarness();
    const { repo } = harness;
    const first = await harness.createTask('write one.txt 1');
    const second = await harness.createTask('write two.txt 2');
    await harness.waitFor(first.id, ['done']);
    await harness.waitFor(second.id, ['done']);
    await harness.engine.close();

    // Every git call the engine makes is traced to stderr; collect their names.
    const calls: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      const name = /^git (\S+) [\d.]+ ms/.exec(chunk.toString())?.[1];
      if (name) calls.push(name);
      else write(chunk);
      return true;
    });
    process.env.FLOTILLA_GIT_TRACE = '1';
    const stale = (events: ThreadEvent[]) =>
      events.flatMap((event) =>
        event.type === 'notice' && /Pruned a stale|Unlocked the git worktree/.test(event.message) ? [event] : [],
      );
    try {
      harness.engine = await createEngine({ home: harness.home });
      expect(stale(await harness.threadOf(first.id))).toEqual([]);
      expect(stale(await harness.threadOf(second.id))).toEqual([]);
      expect((await harness.engine.call('engine/info', {})).notices.join('\n')).not.toMatch(/Pruned|Unlocked/);
      expect(calls).toContain('worktree.list');
      expect(calls).not.toContain('worktree.unlock');
      expect(calls).not.toContain('worktree.prune');
      await harness.engine.close();

      // Now one entry really is stale (its folder is gone) and one worktree is locked.
      rmSync(first.worktreePath, { recursive: true, force: true });
      repo.git(['worktree', 'lock', '--reason', 'initializing', second.worktreePath]);
      calls.length = 0;
      harness.engine = await createEngine({ home: harness.home });
    } finally {
      delete process.env.FLOTILLA_GIT_TRACE;
      spy.mockRestore();
    }
    expect(calls).toContain('worktree.prune');
    expect(calls).toContain('worktree.unlock');
    const pruned = stale(await harness.threadOf(first.id));
    expect(pruned).toHaveLength(1);
    expect(pruned[0]!.message).toContain(`Pruned a stale git worktree entry for ${first.worktreePath}`);
    const unlocked = stale(await harness.threadOf(second.id));
    expect(unlocked).toHaveLength(1);
    expect(unlocked[0]!.message).toMatch(/Unlocked the git worktree .*\(locked: initializing\)/);
    expect(repo.git(['worktree', 'list', '--porcelain'])).not.toMatch(/^locked/m);
    // The stale entry's task got its worktree back from its branch.
    expect(readFileSync(join(first.worktreePath, 'one.txt'), 'utf8')).toBe('1');
  });

  it('a stale entry that belongs to no task is pruned and reported among the engine notices, and the tasks hear nothing', async () => {
    harness = await startHarness();
    const { repo } = harness;
    const plain = await harness.createTask('write plain.txt x');
    await harness.waitFor(plain.id, ['done']);
    await harness.engine.close();
    const gone = join(harness.root, 'by-hand');
    repo.git(['worktree', 'add', '-q', '-b', 'by-hand', gone]);
    rmSync(gone, { recursive: true, force: true });

    const engine = await createEngine({ home: harness.home });
    harness.engine = engine;
    const events = (await engine.call('task/events', { taskId: plain.id })).events;
    expect(events.filter((event) => event.type === 'notice')).toEqual([]);
    expect(repo.git(['worktree', 'list', '--porcelain'])).not.toContain(gone);
    const { notices } = await engine.call('engine/info', {});
    expect(notices.filter((notice) => /Pruned a stale git worktree entry/.test(notice))).toEqual([
      expect.stringContaining(gone),
    ]);
  });
});
