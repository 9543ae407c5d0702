import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Repo } from '../shared/repo.js';
import type { Task } from '../shared/task.js';
import type { EngineApi } from '../engine/engine-api.js';
import { EngineError } from '../engine/errors.js';
import { resolveHome } from '../engine/home.js';
import { heldHomeLock } from '../engine/host/home-lock.js';
import { openEngine, waitForEndpoint, type OpenedEngine } from '../engine/host/open-engine.js';
import type { EngineServer } from '../engine/host/ws-server.js';
import type { HostLinkProvider } from '../engine/hosts/host-link-provider.js';
import type { ReadApi } from '../engine/host/read-only-home.js';
import { startBackgroundEngine } from './background-engine.js';
import type { CliIo } from './cli-io.js';

// Loaded only when a command needs them (--host; no engine running): most commands start without their modules.
const hostSession = () => import('./host-session.js');

/** The home this CLI invocation works on (FLOTILLA_HOME or the per-user default). */
export function cliHome(io: CliIo): string {
  return resolveHome(io.env);
}

/**
 * Runs `work` against the home's engine (the running one, or a local one) and closes it afterwards.
 * A local engine lives only for this command, so it leaves queued tasks queued and repairs nothing
 * (reconciling is for engines that stay up).
 */
export async function withEngine<T>(io: CliIo, work: (api: EngineApi, opened: OpenedEngine) => Promise<T>): Promise<T> {
  if (io.host) {
    const { withHost } = await hostSession();
    return withHost(io, io.host, (api) => work(api, { api, kind: 'remote' }));
  }
  const opened = await openEngine({ home: cliHome(io), resumeQueued: false, reconcile: false });
  try {
    return await work(opened.api, opened);
  } finally {
    await opened.api.close();
  }
}

/**
 * The engine a command that follows tasks uses: the remote host's (`--host`), else the running one for the home, else
 * one opened in this process (see openEngine).
 */
export async function openCliEngine(io: CliIo, options: { resumeQueued?: boolean } = {}): Promise<OpenedEngine> {
  if (io.host) {
    const { openHostEngine } = await hostSession();
    return { api: await openHostEngine(io, io.host), kind: 'remote' };
  }
  return openEngine({ home: cliHome(io), ...options });
}

/**
 * Runs a read-only `work` (list, show, diff, repo list): against the running engine when there is
 * one, otherwise straight from the home's files, which it never writes (no lock, no folders, no
 * repairs), so reading cannot change what it reads.
 */
export async function withReader<T>(io: CliIo, work: (api: ReadApi) => Promise<T>): Promise<T> {
  if (io.host) {
    const { withHost } = await hostSession();
    return withHost(io, io.host, work);
  }
  const home = cliHome(io);
  const lock = await waitForEndpoint(home, 0);
  if (!lock?.endpoint) {
    const { openReadOnlyHome } = await import('../engine/host/read-only-home.js');
    return work(openReadOnlyHome(home));
  }
  const opened = await openEngine({ home, resumeQueued: false, reconcile: false });
  try {
    return await work(opened.api);
  } finally {
    await opened.api.close();
  }
}

/** Serves an engine this process opened on loopback and publishes the address in the home's lock. */
export async function shareEngine(
  home: string,
  engine: EngineApi,
  options: { port?: number; staticDir?: string; hosts?: HostLinkProvider } = {},
): Promise<EngineServer> {
  const { serveEngine } = await import('../engine/host/ws-server.js');
  const server = await serveEngine({ engine, ...options });
  const lock = heldHomeLock(home);
  if (!lock) {
    await server.close();
    throw new EngineError(
      'internal',
      `The engine for ${home} does not hold its lock; cannot publish its server address.`,
    );
  }
  await lock.setEndpoint({ url: server.url, token: server.token });
  return server;
}

/** The task a user means by an id or a unique id prefix. */
export async function resolveTask(api: ReadApi, reference: string): Promise<Task> {
  const { tasks } = await api.call('task/list', {});
  const exact = tasks.find((task) => task.id === reference);
  if (exact) return exact;
  const matches = tasks.filter((task) => task.id.startsWith(reference));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0)
    throw new EngineError('notFound', `No task matches "${reference}". See \`flotilla list\`.`, { reference });
  const ids = matches.map((task) => task.id).join(', ');
  throw new EngineError('invalidInput', `"${reference}" matches several tasks (${ids}); give more of the id.`, {
    reference,
  });
}

/**
 * The repository a user means by an id, an id prefix or a path. With `addIfMissing` a path
 * that is not added yet is added; otherwise it is an error.
 */
export async function resolveRepo(api: EngineApi, io: CliIo, reference: string, addIfMissing: boolean): Promise<Repo> {
  if (!addIfMissing) return requireAddedRepo(api, io, reference);
  const found = await findRepo(api, io, reference);
  if (found.repo) return found.repo;
  if (found.path) return (await api.call('repo/add', { path: found.path })).repo;
  throw new EngineError(
    'notFound',
    `No repository "${reference}": give a path, an id or a name from \`flotilla repo list\`.`,
    {
      reference,
    },
  );
}

/** The added repository a user means by an id, an id prefix or a path, or a clear error; reads only. */
export async function requireAddedRepo(api: ReadApi, io: CliIo, reference: string): Promise<Repo> {
  const found = await findRepo(api, io, reference);
  if (found.repo) return found.repo;
  if (found.path)
    throw new EngineError(
      'notFound',
      `The repository at ${found.path} is not added. Add it with \`flotilla repo add ${reference}\`.`,
    );
  throw new EngineError(
    'notFound',
    `No repository "${reference}": give a path, an id or a name from \`flotilla repo list\`.`,
    {
      reference,
    },
  );
}

/** An added repository by id, path, id prefix or name (read-only); otherwise the real path given, if it exists. */
export async function findRepo(
  api: ReadApi,
  io: CliIo,
  reference: string,
): Promise<{ repo: Repo | null; path: string | null }> {
  const { repos } = await api.call('repo/list', {});
  const byId = repos.find((repo) => repo.id === reference);
  if (byId) return { repo: byId, path: byId.path };
  // A remote host's paths mean nothing here: match them as given.
  if (io.host && isAbsolute(reference))
    return { repo: repos.find((repo) => repo.path === reference) ?? null, path: reference };
  const path = resolve(io.cwd ?? process.cwd(), reference);
  if (existsSync(path)) {
    const real = realpathSync(path);
    return { repo: repos.find((repo) => repo.path === real) ?? null, path: real };
  }
  const prefixed = repos.filter((repo) => repo.id.startsWith(reference));
  if (prefixed.length === 1) return { repo: prefixed[0]!, path: null };
  // The name `repo add` and `repo list` print, when only one added repository has it.
  const named = repos.filter((repo) => repo.name === reference);
  if (named.length > 1)
    throw new EngineError(
      'invalidInput',
      `${named.length} added repositories are named "${reference}": give its id or path instead (${named.map((repo) => repo.id).join(', ')}).`,
    );
  return { repo: named[0] ?? null, path: null };
}

/**
 * Makes sure a long-lived engine serves this home, starting one in the background when none does.
 * Before starting one, `check` runs in an engine that lives only for it, so bad input (an unknown
 * task, a folder that is no repository) fails without leaving an engine running for nothing.
 */
export async function ensureBackgroundEngine(io: CliIo, check: (api: EngineApi) => Promise<unknown>): Promise<void> {
  // A remote host's engine always runs in the background: `serve --stdio` started it.
  if (io.host) return;
  const home = cliHome(io);
  if (await waitForEndpoint(home, 0)) return;
  await withEngine(io, check);
  await startBackgroundEngine({ home, env: io.env });
}
