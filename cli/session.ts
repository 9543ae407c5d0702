import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Repo } from '../shared/repo.js';
import type { Task } from '../shared/task.js';
import type { EngineApi } from '../engine/engine-api.js';
import { EngineError } from '../engine/errors.js';
import { resolveHome } from '../engine/home.js';
import { heldHomeLock } from '../engine/host/home-lock.js';
import { openEngine, waitForEndpoint, type OpenedEngine } from '../engine/host/open-engine.js';
import type { EngineServer } from '../engine/host/ws-server.js';
import { startBackgroundEngine } from './background-engine.js';
import type { CliIo } from './cli-io.js';

/** The home this CLI invocation works on (FLOTILLA_HOME or the per-user default). */
export function cliHome(io: CliIo): string {
  return resolveHome(io.env);
}

/**
 * Runs `work` against the home's engine (the running one, or a local one) and closes it afterwards.
 * A local engine lives only for this command, so it leaves queued tasks queued.
 */
export async function withEngine<T>(io: CliIo, work: (api: EngineApi, opened: OpenedEngine) => Promise<T>): Promise<T> {
  const opened = await openEngine({ home: cliHome(io), resumeQueued: false });
  try {
    return await work(opened.api, opened);
  } finally {
    await opened.api.close();
  }
}

/** Serves an engine this process opened on loopback and publishes the address in the home's lock. */
export async function shareEngine(home: string, engine: EngineApi, options: { port?: number; staticDir?: string } = {}): Promise<EngineServer> {
  const { serveEngine } = await import('../engine/host/ws-server.js');
  const server = await serveEngine({ engine, ...options });
  const lock = heldHomeLock(home);
  if (!lock) {
    await server.close();
    throw new EngineError('internal', `The engine for ${home} does not hold its lock; cannot publish its server address.`);
  }
  await lock.setEndpoint({ url: server.url, token: server.token });
  return server;
}

/** The task a user means by an id or a unique id prefix. */
export async function resolveTask(api: EngineApi, reference: string): Promise<Task> {
  const { tasks } = await api.call('task/list', {});
  const exact = tasks.find((task) => task.id === reference);
  if (exact) return exact;
  const matches = tasks.filter((task) => task.id.startsWith(reference));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new EngineError('notFound', `No task matches "${reference}". See \`flotilla list\`.`, { reference });
  const ids = matches.map((task) => task.id).join(', ');
  throw new EngineError('invalidInput', `"${reference}" matches several tasks (${ids}); give more of the id.`, { reference });
}

/**
 * The repository a user means by an id, an id prefix or a path. With `addIfMissing` a path
 * that is not added yet is added; otherwise it is an error.
 */
export async function resolveRepo(api: EngineApi, io: CliIo, reference: string, addIfMissing: boolean): Promise<Repo> {
  const { repos } = await api.call('repo/list', {});
  const byId = repos.find((repo) => repo.id === reference);
  if (byId) return byId;
  const path = resolve(io.cwd ?? process.cwd(), reference);
  if (existsSync(path)) {
    const real = realpathSync(path);
    const added = repos.find((repo) => repo.path === real);
    if (added) return added;
    if (addIfMissing) return (await api.call('repo/add', { path: real })).repo;
    throw new EngineError('notFound', `The repository at ${real} is not added. Add it with \`flotilla repo add ${reference}\`.`);
  }
  const prefixed = repos.filter((repo) => repo.id.startsWith(reference));
  if (prefixed.length === 1) return prefixed[0]!;
  throw new EngineError('notFound', `No repository "${reference}": give a path or an id from \`flotilla repo list\`.`, { reference });
}

/**
 * Makes sure a long-lived engine serves this home, starting one in the background when none does.
 * Before starting one, `check` runs in an engine that lives only for it, so bad input (an unknown
 * task, a folder that is no repository) fails without leaving an engine running for nothing.
 */
export async function ensureBackgroundEngine(io: CliIo, check: (api: EngineApi) => Promise<unknown>): Promise<void> {
  const home = cliHome(io);
  if (await waitForEndpoint(home, 0)) return;
  await withEngine(io, check);
  await startBackgroundEngine({ home, env: io.env });
}
