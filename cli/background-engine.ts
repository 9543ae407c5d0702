import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EngineError } from '../engine/errors.js';
import { homePaths } from '../engine/home.js';
import { readHomeLock, type HomeLockData } from '../engine/host/home-lock.js';
import { flotillaRoot } from '../engine/package-info.js';

/** The `flotilla` launcher, so a background engine runs the same code as this CLI. */
export const launcherPath = join(flotillaRoot(), 'cli', 'bin.mjs');

/** A background engine that has started and published its server address. */
export interface BackgroundEngine {
  lock: HomeLockData & { endpoint: NonNullable<HomeLockData['endpoint']> };
  logPath: string;
}

/** How to start a background engine. */
export interface BackgroundOptions {
  home: string;
  env: NodeJS.ProcessEnv;
  port?: number;
  /** How long the engine may take to start serving. */
  timeoutMs?: number;
}

/**
 * Starts `flotilla serve` as a detached process logging to FLOTILLA_HOME/logs/engine.log and
 * waits until it serves; the engine outlives this CLI process.
 */
export async function startBackgroundEngine(options: BackgroundOptions): Promise<BackgroundEngine> {
  const logs = homePaths(options.home).logs;
  mkdirSync(logs, { recursive: true });
  const logPath = join(logs, 'engine.log');
  // The log holds the access token the engine prints, so only the user may read it.
  const log = openSync(logPath, 'a', 0o600);
  const args = [launcherPath, 'serve', ...(options.port === undefined ? [] : ['--port', String(options.port)])];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...options.env, FLOTILLA_HOME: options.home },
    cwd: options.home,
    windowsHide: true,
  });
  closeSync(log);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  child.once('error', () => (exited = -1));
  child.unref();

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    const lock = await readHomeLock(options.home);
    if (lock?.endpoint) return { lock: { ...lock, endpoint: lock.endpoint }, logPath };
    if (exited !== undefined) break;
    await sleep(100);
  }
  if (exited === undefined && child.pid !== undefined) child.kill();
  throw new EngineError('engineUnavailable', `The background Flotilla engine did not start. ${logTail(logPath)}`, {
    logPath,
  });
}

function logTail(logPath: string): string {
  try {
    const lines = readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-5).join('\n');
    return lines ? `Last lines of ${logPath}:\n${lines}` : `See ${logPath}.`;
  } catch {
    return `See ${logPath}.`;
  }
}
