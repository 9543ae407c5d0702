import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../engine/engine.js';
import { createTempRepo, makeTempDir, removeTemp } from '../testing/engine/temp-repo.js';
import type { BenchFigure } from './worktree-bench.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function settled(engine: Engine, ids: readonly string[]): Promise<void> {
  for (const taskId of ids)
    while (['queued', 'preparing', 'running'].includes((await engine.call('task/get', { taskId })).task.status))
      await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Milliseconds for one task to be created and ready for its agent (median of `rounds`). */
async function creationMs(engine: Engine, repoId: string, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    const { tasks } = await engine.call('task/create', { repoId, prompt: 'say ready', agent: 'scripted' });
    await settled(engine, [tasks[0]!.id]);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Splits `count` tasks into groups of at most `largest` attempts. */
function groupSizes(count: number, largest: number): number[] {
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= largest) sizes.push(Math.min(largest, left));
  return sizes;
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/** How many git processes descend from `pid` right now (the process table, sampled). */
function gitChildren(pid: number): number {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([child, parent, command]) => ({ pid: Number(child), ppid: Number(parent), command: command ?? '' }));
  const descendants = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of table)
      if (descendants.has(row.ppid) && !descendants.has(row.pid)) {
        descendants.add(row.pid);
        grew = true;
      }
  }
  return table.filter((row) => descendants.has(row.pid) && row.command === 'git').length;
}

/**
 * Many worktrees (issue "Speed and scale", item 3): a home with `worktrees` task worktrees and `tasks` tasks in all
 * (the rest discarded). Task creation against an empty home, `flotilla list` against the running engine, the idle
 * engine's CPU, and the most git processes it runs at once, sampled from the process table.
 */
export async function runScaleBench(options: {
  worktrees: number;
  tasks: number;
  idleSeconds: number;
  log(text: string): void;
}): Promise<BenchFigure[]> {
  const { log } = options;
  const temp = makeTempDir();
  try {
    const repo = createTempRepo({ 'README.md': '# scale\n', 'src/a.txt': 'a\n' }, temp, 'scale');
    const home = join(temp, 'home');
    const engine = await createEngine({ home });
    let empty: number;
    let full: number;
    let discardMs = NaN;
    try {
      await engine.call('settings/update', { concurrency: 8, defaultAgent: 'scripted' });
      const { repo: added } = await engine.call('repo/add', { path: repo.path });
      await creationMs(engine, added.id, 2);
      empty = await creationMs(engine, added.id, 7);
      log(`  creating ${options.tasks} tasks (${options.worktrees} keep their worktrees)…`);
      const ids: string[] = [];
      // 16 at a time, as groups of up to 4 attempts the way people run them (a group's ranking sits on each member,
      // so one group of 16 would carry 16 copies of a 16-entry ranking).
      while (ids.length < options.tasks) {
        const sizes = groupSizes(Math.min(16, options.tasks - ids.length), 4);
        const made = await Promise.all(
          sizes.map((attempts) => engine.call('task/create', { repoId: added.id, prompt: 'say ready', attempts })),
        );
        const batch = made.flatMap(({ tasks }) => tasks.map((task) => task.id));
        ids.push(...batch);
        await settled(engine, batch);
        if (ids.length % 160 === 0) log(`    ${ids.length} of ${options.tasks}`);
      }
      log(`  discarding ${options.tasks - options.worktrees} of them…`);
      const discardStarted = performance.now();
      for (const taskId of ids.slice(options.worktrees)) await engine.call('task/discard', { taskId });
      discardMs = (performance.now() - discardStarted) / Math.max(1, options.tasks - options.worktrees);
      full = await creationMs(engine, added.id, 7);
    } finally {
      await engine.close();
    }

    log('  flotilla serve on that home: list, idle CPU, git processes…');
    spawnSync(process.execPath, ['scripts/build-cli.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
    const env = { ...process.env, FLOTILLA_HOME: home };
    const server = spawn(process.execPath, ['cli/bin.mjs', 'serve', '--port', '0'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('serving at') && resolve());
        server.once('exit', (code) => reject(new Error(`flotilla serve exited (${code}) before serving`)));
      });
      const pid = server.pid!;
      let mostGit = 0;
      const sampler = setInterval(() => (mostGit = Math.max(mostGit, gitChildren(pid))), 50);
      const list: number[] = [];
      for (let round = 0; round < 6; round += 1) {
        const started = performance.now();
        const run = spawnSync(process.execPath, ['cli/bin.mjs', 'list'], { cwd: root, env, stdio: 'ignore' });
        if (run.status !== 0) throw new Error('flotilla list failed');
        if (round > 0) list.push(performance.now() - started);
      }
      // Start-up work (reconciliation, reading every open worktree's changes) runs git; the engine is at rest once no
      // git process has run for 2 s (at most a minute, on a busy machine).
      const restDeadline = Date.now() + 60_000;
      for (let quietSince = Date.now(); Date.now() - quietSince < 2000 && Date.now() < restDeadline;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (gitChildren(pid) > 0) quietSince = Date.now();
      }
      const before = cpuSeconds(pid);
      const idleStarted = performance.now();
      await new Promise((resolve) => setTimeout(resolve, options.idleSeconds * 1000));
      const idleShare = (cpuSeconds(pid) - before) / ((performance.now() - idleStarted) / 1000);
      clearInterval(sampler);
      const ratio = full / empty;
      return [
        { name: `task creation, empty home (median)`, value: empty, unit: 'ms', target: null, met: null },
        {
          name: `task creation with ${options.worktrees} worktrees, ${options.tasks} tasks (median)`,
          value: full,
          unit: 'ms',
          target: null,
          met: null,
        },
        { name: 'ratio: creation with them / without', value: ratio, unit: '×', target: '≤ 1.1', met: ratio <= 1.1 },
        {
          name: '`flotilla list` against the running engine (median)',
          value: median(list),
          unit: 'ms',
          target: '≤ 200',
          met: median(list) <= 200,
        },
        {
          name: `discard, ${options.tasks} worktrees down to ${options.worktrees} (mean)`,
          value: discardMs,
          unit: 'ms',
          target: null,
          met: null,
        },
        {
          name: `idle engine CPU over ${options.idleSeconds} s (% of a core)`,
          value: idleShare * 100,
          unit: '%',
          target: '< 1',
          met: idleShare < 0.01,
        },
        {
          name: 'most git processes at once (process table, every 50 ms)',
          value: mostGit,
          unit: '',
          target: '≤ 4',
          met: mostGit <= 4,
        },
      ];
    } finally {
      server.kill('SIGINT');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  } finally {
    removeTemp(temp);
  }
}
