import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync, type Stats } from 'node:fs';
import { mkdir, open, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { EngineError } from '../errors.js';
import { homePaths } from '../home.js';

/** Where a running engine's WebSocket server listens, and the token clients must present. */
export interface EngineEndpoint {
  url: string;
  token: string;
}

/** The content of `engine.lock`: which process owns the home and how to reach it. */
export interface HomeLockData {
  pid: number;
  startedAt: string;
  endpoint: EngineEndpoint | null;
}

/**
 * The lock file's content when it has that shape, else null. Checked by hand rather than with zod: every CLI command
 * reads this file first, and most never need zod otherwise (it costs ~40 ms to load).
 */
function lockData(value: unknown): HomeLockData | null {
  if (typeof value !== 'object' || value === null) return null;
  const { pid, startedAt, endpoint } = value as Record<string, unknown>;
  if (!Number.isInteger(pid) || typeof startedAt !== 'string') return null;
  if (endpoint === null) return { pid: pid as number, startedAt, endpoint: null };
  if (typeof endpoint !== 'object') return null;
  const { url, token } = endpoint as Record<string, unknown>;
  if (typeof url !== 'string' || typeof token !== 'string') return null;
  return { pid: pid as number, startedAt, endpoint: { url, token } };
}

/** This process's hold on a home: at most one engine may use a home at a time. */
export interface HomeLock {
  /** The lock file's path. */
  readonly path: string;
  /** What the lock file currently says. */
  readonly data: HomeLockData;
  /** Publishes (or clears) the engine's server endpoint so CLIs can connect instead of opening a second engine. */
  setEndpoint(endpoint: EngineEndpoint | null): Promise<void>;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

const held = new Map<string, HomeLock>();

/** True when a process with this pid exists (even one we may not signal). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the home for this process, or throws `engineLocked` naming the engine that holds it.
 * A lock left by a dead process is taken over.
 */
export async function acquireHomeLock(home: string): Promise<HomeLock> {
  const path = homePaths(resolve(home)).lock;
  await mkdir(dirname(path), { recursive: true });
  const data: HomeLockData = { pid: process.pid, startedAt: new Date().toISOString(), endpoint: null };
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await createExclusive(path, data)) return track(path, data);
    const current = await readLockFile(path);
    if (current.kind === 'missing') continue;
    if (current.kind === 'valid' && isProcessAlive(current.data.pid)) throw lockedError(home, path, current.data);
    await moveStaleAside(path, current);
  }
  throw new EngineError(
    'engineLocked',
    `Could not take the Flotilla lock ${path}: other processes keep changing it. Try again.`,
  );
}

/** The lock of a live engine using this home, or null when no engine is running there. */
export async function readHomeLock(home: string): Promise<HomeLockData | null> {
  const current = await readLockFile(homePaths(resolve(home)).lock);
  return current.kind === 'valid' && isProcessAlive(current.data.pid) ? current.data : null;
}

/** The lock this process holds on a home, if any (so a host can publish its endpoint). */
export function heldHomeLock(home: string): HomeLock | null {
  return held.get(homePaths(resolve(home)).lock) ?? null;
}

type LockFileState =
  { kind: 'missing' } | { kind: 'valid'; data: HomeLockData; ino: number } | { kind: 'corrupt'; ino: number };

async function readLockFile(path: string): Promise<LockFileState> {
  // A lock being created is briefly empty; give its writer a moment before calling it corrupt.
  for (let attempt = 0; ; attempt++) {
    try {
      const { text, info } = await readWithStat(path);
      const data = lockData(safeJson(text));
      if (data) return { kind: 'valid', data, ino: info.ino };
      if (attempt >= 5) return { kind: 'corrupt', ino: info.ino };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw error;
    }
    await new Promise((done) => setTimeout(done, 20));
  }
}

async function readWithStat(path: string): Promise<{ text: string; info: Stats }> {
  const handle = await open(path, 'r');
  try {
    return { info: await handle.stat(), text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}

async function createExclusive(path: string, data: HomeLockData): Promise<boolean> {
  try {
    await writeFile(path, JSON.stringify(data), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Removes a stale lock so the caller can retry creating it. Only the holder of a second,
 * exclusive "takeover" file may remove a lock, and only after re-reading it under that file:
 * so a lock another racer has just created can never be removed by someone who saw the old one.
 */
async function moveStaleAside(path: string, judged: Exclude<LockFileState, { kind: 'missing' }>): Promise<void> {
  const takeover = `${path}.takeover`;
  const mine: HomeLockData = { pid: process.pid, startedAt: new Date().toISOString(), endpoint: null };
  if (!(await createExclusive(takeover, mine))) {
    const other = await readLockFile(takeover);
    // A racer that died mid-takeover leaves its takeover file behind; clear it if so.
    if (other.kind === 'corrupt' || (other.kind === 'valid' && !isProcessAlive(other.data.pid)))
      await unlink(takeover).catch(() => undefined);
    await new Promise((done) => setTimeout(done, 10 + Math.random() * 20));
    return;
  }
  try {
    if (sameLockFile(judged, await readLockFile(path))) await unlink(path).catch(() => undefined);
  } finally {
    await unlink(takeover).catch(() => undefined);
  }
}

function sameLockFile(judged: Exclude<LockFileState, { kind: 'missing' }>, moved: LockFileState): boolean {
  switch (judged.kind) {
    case 'corrupt':
      return moved.kind === 'corrupt' && moved.ino === judged.ino;
    case 'valid':
      return (
        moved.kind === 'valid' &&
        moved.ino === judged.ino &&
        moved.data.pid === judged.data.pid &&
        moved.data.startedAt === judged.data.startedAt
      );
    default: {
      const unreachable: never = judged;
      return unreachable;
    }
  }
}

function lockedError(home: string, path: string, data: HomeLockData): EngineError {
  return new EngineError(
    'engineLocked',
    `Another Flotilla engine (pid ${data.pid}) is using ${resolve(home)}. ` +
      'Use that engine (the desktop app or `flotilla serve`), stop it first, or set FLOTILLA_HOME to another folder. ' +
      `If no Flotilla engine is running, delete ${path}.`,
    { pid: data.pid, endpoint: data.endpoint ? data.endpoint.url : null },
  );
}

function track(path: string, initial: HomeLockData): HomeLock {
  let data = initial;
  let released = false;
  const ownsFile = () => {
    try {
      const current = lockData(safeJson(readFileSync(path, 'utf8')));
      return current !== null && current.pid === data.pid && current.startedAt === data.startedAt;
    } catch {
      return false;
    }
  };
  const onExit = () => {
    if (!released && ownsFile()) unlinkQuietly(path);
  };
  process.on('exit', onExit);
  const lock: HomeLock = {
    path,
    get data() {
      return data;
    },
    async setEndpoint(endpoint) {
      if (released || !ownsFile()) {
        throw new EngineError(
          'engineLocked',
          `This process no longer holds the Flotilla lock ${path}; restart the engine.`,
        );
      }
      const next = { ...data, endpoint };
      const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, JSON.stringify(next), { mode: 0o600 });
      await rename(temp, path);
      data = next;
    },
    async release() {
      if (released) return;
      // Synchronous on purpose: the home is free the moment release() is called, awaited or not.
      if (ownsFile()) unlinkQuietly(path);
      released = true;
      process.off('exit', onExit);
      held.delete(path);
    },
  };
  held.set(path, lock);
  return lock;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
