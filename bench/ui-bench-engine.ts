import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFlotilla, type FlotillaProcess } from '../testing/flotilla-process.js';
import type { TaskStatus } from '../shared/task.js';
import { connectEngine, type RemoteEngine } from '../engine/host/ws-client.js';
import { removeTemp } from '../testing/engine/temp-repo.js';

/** A `flotilla serve` on a temp home for one bench scenario, and a Node client of it. */
export interface BenchEngine {
  home: string;
  serve: FlotillaProcess;
  api: RemoteEngine;
  /** Stops the engine; the caller removes the temp root. */
  close(): Promise<void>;
}

/** Starts `flotilla serve` on `root/home` (seeded by the caller beforehand) with extra environment. */
export async function startBenchEngine(
  root: string,
  env: Record<string, string | undefined> = {},
): Promise<BenchEngine> {
  const home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  const serve = await startFlotilla({
    home,
    env: {
      ANTHROPIC_API_KEY: undefined,
      ANTHROPIC_BASE_URL: undefined,
      OPENAI_API_KEY: undefined,
      OPENAI_BASE_URL: undefined,
      ...env,
    },
    timeoutMs: 120_000,
  });
  const api = await connectEngine({ url: serve.origin, token: serve.token });
  return {
    home,
    serve,
    api,
    async close() {
      await api.close().catch(() => undefined);
      await serve.stop();
    },
  };
}

/** Waits until every task has one of the statuses (checked every 100 ms), or throws after `timeoutMs`. */
export async function waitForStatuses(
  api: RemoteEngine,
  taskIds: readonly string[],
  statuses: readonly TaskStatus[],
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { tasks } = await api.call('task/list', {});
    const pending = taskIds.filter(
      (id) => !statuses.includes(tasks.find((task) => task.id === id)?.status ?? 'queued'),
    );
    if (pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${pending.length} task(s) did not reach ${statuses.join('/')} within ${timeoutMs} ms.`);
    await sleep(100);
  }
}

/** Runs `work` with a fresh temp root and always removes it afterwards. */
export async function withTempRoot<T>(make: () => string, work: (root: string) => Promise<T>): Promise<T> {
  const root = make();
  try {
    return await work(root);
  } finally {
    removeTemp(root);
  }
}
