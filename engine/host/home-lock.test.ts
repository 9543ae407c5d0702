import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { homePaths } from '../home.js';
import { makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { acquireHomeLock, heldHomeLock, readHomeLock, type HomeLock } from './home-lock.js';

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.pid).toBeGreaterThan(0);
  return child.pid!;
}

describe('home lock', () => {
  let home: string;
  const locks: HomeLock[] = [];

  beforeEach(() => {
    home = makeTempDir();
  });
  afterEach(async () => {
    for (const lock of locks.splice(0)) await lock.release();
    removeTemp(home);
  });

  it('lets only one engine hold a home and names the holder', async () => {
    const first = await acquireHomeLock(home);
    locks.push(first);
    const error = await acquireHomeLock(home).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('engineLocked');
    expect((error as EngineError).message).toContain(`pid ${process.pid}`);
    expect((error as EngineError).details).toMatchObject({ pid: process.pid });
    expect(await readHomeLock(home)).toMatchObject({ pid: process.pid, endpoint: null });
  });

  it('takes over a lock left by a dead process', async () => {
    const pid = deadPid();
    writeFileSync(homePaths(home).lock, JSON.stringify({ pid, startedAt: '2020-01-01T00:00:00.000Z', endpoint: null }));
    expect(await readHomeLock(home)).toBeNull();
    const lock = await acquireHomeLock(home);
    locks.push(lock);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('takes over a corrupt lock file', async () => {
    writeFileSync(homePaths(home).lock, '{"pid": 12');
    const lock = await acquireHomeLock(home);
    locks.push(lock);
    expect(await readHomeLock(home)).toMatchObject({ pid: process.pid });
  });

  it('takes over a lock file of the wrong shape, and reads a live one with its endpoint', async () => {
    const live = { pid: process.pid, startedAt: 'now' };
    for (const wrong of [
      { ...live, pid: String(process.pid), endpoint: null },
      { ...live, pid: process.pid + 0.5, endpoint: null },
      { ...live, startedAt: 12, endpoint: null },
      { ...live },
      { ...live, endpoint: { url: 'ws://127.0.0.1:1' } },
      [live],
    ]) {
      writeFileSync(homePaths(home).lock, JSON.stringify(wrong));
      const lock = await acquireHomeLock(home);
      expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, endpoint: null });
      await lock.release();
    }
    const endpoint = { url: 'ws://127.0.0.1:1', token: 'secret' };
    writeFileSync(homePaths(home).lock, JSON.stringify({ ...live, endpoint, extra: true }));
    expect(await readHomeLock(home)).toEqual({ ...live, endpoint });
  });

  it('lets exactly one of several racers take over a stale lock', async () => {
    writeFileSync(homePaths(home).lock, JSON.stringify({ pid: deadPid(), startedAt: 'then', endpoint: null }));
    const results = await Promise.allSettled([acquireHomeLock(home), acquireHomeLock(home), acquireHomeLock(home)]);
    const won = results.filter((result) => result.status === 'fulfilled');
    for (const result of won) locks.push(result.value);
    expect(won).toHaveLength(1);
    expect(existsSync(homePaths(home).lock)).toBe(true);
  });

  it('publishes the endpoint privately and frees the home on release', async () => {
    const lock = await acquireHomeLock(home);
    locks.push(lock);
    expect(heldHomeLock(home)).toBe(lock);
    await lock.setEndpoint({ url: 'http://127.0.0.1:1234', token: 'secret' });
    expect(await readHomeLock(home)).toMatchObject({
      pid: process.pid,
      endpoint: { url: 'http://127.0.0.1:1234', token: 'secret' },
    });
    if (process.platform !== 'win32') expect(statSync(lock.path).mode & 0o077).toBe(0);
    await lock.release();
    expect(existsSync(lock.path)).toBe(false);
    expect(heldHomeLock(home)).toBeNull();
    const again = await acquireHomeLock(home);
    locks.push(again);
  });

  it('does not delete a lock another engine took after ours was removed', async () => {
    const lock = await acquireHomeLock(home);
    locks.push(lock);
    writeFileSync(lock.path, JSON.stringify({ pid: process.ppid, startedAt: 'other', endpoint: null }));
    await lock.release();
    expect(await readHomeLock(home)).toMatchObject({ pid: process.ppid });
  });
});
