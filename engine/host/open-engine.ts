import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineApi } from '../engine-api.js';
import { EngineError } from '../errors.js';
import { homePaths } from '../home.js';
import { readHomeLock, type HomeLockData } from './home-lock.js';
import { connectEngine } from './ws-client.js';

/** An engine a client can use: its own (`local`) or the one already running for the home (`remote`). */
export interface OpenedEngine {
  api: EngineApi;
  kind: 'local' | 'remote';
}

/** How to find or start the engine of a home. */
export interface OpenEngineOptions {
  home: string;
  /** How long to wait for a just-started engine to publish its server address. */
  endpointWaitMs?: number;
  /** For an engine opened in this process: whether its queued work starts (see EngineOptions). */
  resumeQueued?: boolean;
  /** For an engine opened in this process: whether it repairs the home at start-up (see EngineOptions). */
  reconcile?: boolean;
}

/**
 * Connects to the engine already running for this home (`flotilla serve` or the desktop app),
 * or opens one in this process when none is, so there is never a second engine on one home.
 */
export async function openEngine(options: OpenEngineOptions): Promise<OpenedEngine> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const lock = await waitForEndpoint(options.home, options.endpointWaitMs ?? 3_000);
    if (lock?.endpoint) return { api: await connectToLock(options.home, lock), kind: 'remote' };
    if (lock) throw unreachableEngine(options.home, lock);
    try {
      // Loaded on demand: a client of a running engine never pays for the engine's code (agents, SDKs).
      const { createEngine } = await import('../engine.js');
      return {
        api: await createEngine({
          home: options.home,
          resumeQueued: options.resumeQueued ?? true,
          reconcile: options.reconcile ?? true,
        }),
        kind: 'local',
      };
    } catch (error) {
      // Another engine started between our look at the lock and our own attempt: use that one.
      if (error instanceof EngineError && error.code === 'engineLocked') continue;
      throw error;
    }
  }
  throw new EngineError('engineLocked', `Flotilla engines keep starting and stopping on ${options.home}; try again.`);
}

/** The live lock of the home, waiting a little for an engine that has started but not yet published its address. */
export async function waitForEndpoint(home: string, waitMs: number): Promise<HomeLockData | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = await readHomeLock(home);
    if (!lock || lock.endpoint || Date.now() >= deadline) return lock;
    await sleep(100);
  }
}

async function connectToLock(home: string, lock: HomeLockData): Promise<EngineApi> {
  const endpoint = lock.endpoint!;
  try {
    return await connectEngine({ url: endpoint.url, token: endpoint.token });
  } catch (error) {
    if (error instanceof EngineError && error.code === 'engineUnavailable') {
      throw new EngineError(
        'engineUnavailable',
        `The Flotilla engine for ${home} (pid ${lock.pid}) should be serving at ${endpoint.url} but cannot be reached. ` +
          `Stop that process, or delete ${homePaths(home).lock} if it is not a Flotilla engine.`,
        { pid: lock.pid, url: endpoint.url },
      );
    }
    throw error;
  }
}

function unreachableEngine(home: string, lock: HomeLockData): EngineError {
  return new EngineError(
    'engineLocked',
    `Another Flotilla engine (pid ${lock.pid}) is using ${home} but offers no server to connect to. ` +
      'Quit it (or restart it with `flotilla serve`), or set FLOTILLA_HOME to another folder.',
    { pid: lock.pid, endpoint: null },
  );
}
