import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine, type Engine } from '../engine/engine.js';
import { removeTemp } from '../testing/engine/temp-repo.js';
import { generateRepo } from './generate-repo.js';
import { startModelServer, type ModelServer } from '../testing/model-server/server.js';
import { tracedRound } from './bench-trace.js';
import type { BenchFigure } from './worktree-bench.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One dispatch on the built-in agent: from task/create to its first model request reaching the scripted server. */
async function dispatchToFirstRequest(engine: Engine, server: ModelServer, repoId: string): Promise<number> {
  const before = server.requests.length;
  const started = performance.now();
  const { tasks } = await engine.call('task/create', {
    repoId,
    prompt: 'Say hello.',
    agent: 'builtin',
    model: 'anthropic:scenario:textOnly',
  });
  await waitFor(async () => server.requests.length > before, 'the first model request', 60_000);
  const first = server.requests[before]!;
  const taskId = tasks[0]!.id;
  await waitFor(
    async () => !['queued', 'preparing', 'running'].includes((await engine.call('task/get', { taskId })).task.status),
    'the task to finish',
  );
  return first.receivedAt - started;
}

/**
 * The warm pool on the bench's repository: dispatch to the agent's first model request with K=2 prepared worktrees,
 * and without a pool, in the same run as the raw `git worktree add` figure it sits beside.
 */
export async function runPoolBench(options: {
  engine: Engine;
  repoId: string;
  rounds: number;
  log(text: string): void;
}): Promise<BenchFigure[]> {
  const { engine, repoId, log } = options;
  const server = await startModelServer();
  try {
    await engine.call('provider/update', { provider: 'anthropic', settings: { apiKey: 'bench', baseUrl: server.url } });
    const unpooled: number[] = [];
    const pooled: number[] = [];
    log('  dispatch → first model request without a pool…');
    await dispatchToFirstRequest(engine, server, repoId);
    for (let round = 0; round < options.rounds; round += 1)
      unpooled.push(await dispatchToFirstRequest(engine, server, repoId));
    log('  filling a warm pool of 2…');
    await engine.call('repo/update', { repoId, settings: { poolSize: 2 } });
    const poolFull = async () => {
      const { worktrees } = await engine.call('pool/list', { repoId });
      return worktrees.length === 2 && worktrees.every((one) => one.state === 'ready');
    };
    for (let round = 0; round < options.rounds; round += 1) {
      await waitFor(poolFull, 'the pool to fill');
      pooled.push(await dispatchToFirstRequest(engine, server, repoId));
      log(`  pooled dispatch ${round + 1}/${options.rounds}: ${pooled.at(-1)!.toFixed(1)} ms`);
    }
    await waitFor(poolFull, 'the pool to fill');
    const { trace } = await tracedRound('pool-dispatch', () => dispatchToFirstRequest(engine, server, repoId));
    await engine.call('repo/update', { repoId, settings: { poolSize: 0 } });
    const fromPool = median(pooled);
    return [
      {
        name: 'dispatch → first model request, warm pool (median)',
        value: fromPool,
        unit: 'ms',
        target: '≤ 50',
        met: fromPool <= 50,
        trace,
      },
      {
        name: 'dispatch → first model request, no pool (median)',
        value: median(unpooled),
        unit: 'ms',
        target: null,
        met: null,
      },
    ];
  } finally {
    await server.close();
  }
}

/** The warm-pool figures alone (BENCH_ONLY=pool), on a generated repository of `files` files in tmpfs. */
export async function runPoolBenchAlone(options: {
  files: number;
  rounds: number;
  log(text: string): void;
}): Promise<BenchFigure[]> {
  const parent = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const root = realpathSync(mkdtempSync(join(parent, 'flotilla-pool-bench-')));
  try {
    options.log(`Generating a repository of ${options.files} files in ${root}…`);
    const repo = generateRepo(root, options.files, options.log);
    const engine = await createEngine({ home: join(root, 'home') });
    try {
      await engine.call('settings/update', { concurrency: 8, defaultAgent: 'scripted' });
      const { repo: added } = await engine.call('repo/add', { path: repo });
      return await runPoolBench({ engine, repoId: added.id, rounds: options.rounds, log: options.log });
    } finally {
      await engine.close();
    }
  } finally {
    removeTemp(root);
  }
}
