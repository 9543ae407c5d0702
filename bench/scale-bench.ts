import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../engine/engine.js';
import { createTempRepo, makeTempDir, removeTemp } from '../testing/engine/temp-repo.js';
import { tracedRound } from './bench-trace.js';
import { generateThreads } from './generate-threads.js';
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

/**
 * The engine's CPU share while idle, read every second for `seconds`: over the whole time, over the first 10 s (V8's
 * memory reducer compacts the heap once, about 8 s after start-up's allocations stop, and lands there), and in the
 * busiest second. A steady cost shows in all three; a one-off only in the first and the busiest.
 */
async function idleSeries(
  pid: number,
  seconds: number,
): Promise<{ share: number; firstShare: number; busiest: number }> {
  const started = performance.now();
  const first = cpuSeconds(pid);
  let previous = first;
  let busiest = 0;
  let firstShare = NaN;
  for (let second = 1; second <= seconds; second += 1) {
    await new Promise((resolve) => setTimeout(resolve, started + second * 1000 - performance.now()));
    const now = cpuSeconds(pid);
    busiest = Math.max(busiest, now - previous);
    previous = now;
    if (second === Math.min(10, seconds)) firstShare = (now - first) / ((performance.now() - started) / 1000);
  }
  return { share: (previous - first) / ((performance.now() - started) / 1000), firstShare, busiest };
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
 * (`discards` of them discarded, the rest older finished threads). Task creation against an empty home, `flotilla list` against the running engine, the idle
 * engine's CPU, and the most git processes it runs at once, sampled from the process table.
 */
export async function runScaleBench(options: {
  worktrees: number;
  tasks: number;
  /** How many of the tasks are made with a worktree and then discarded (the discard figure). */
  discards: number;
  idleSeconds: number;
  log(text: string): void;
}): Promise<BenchFigure[]> {
  const { log } = options;
  const temp = makeTempDir();
  try {
    const repo = createTempRepo({ 'README.md': '# scale\n', 'src/a.txt': 'a\n' }, temp, 'scale');
    const baseCommit = repo.git(['rev-parse', 'HEAD']);
    let empty: number;
    let full: number;
    let discardMs = NaN;
    let fullTrace: string | undefined;
    // The empty home's engine stays up beside the full one, so their rounds alternate and a busy moment on the
    // machine lands on both alike.
    const emptyEngine = await createEngine({ home: join(temp, 'empty-home') });
    await emptyEngine.call('settings/update', { concurrency: 8, defaultAgent: 'scripted' });
    const emptyRepo = (await emptyEngine.call('repo/add', { path: repo.path })).repo.id;
    await creationMs(emptyEngine, emptyRepo, 2);
    // The home's older tasks (finished, their worktrees long gone) are written as thread logs, as the UI bench does;
    // the ones with worktrees, and some discarded, are made by the engine.
    const home = join(temp, 'home');
    const discards = Math.min(options.discards, options.tasks - options.worktrees);
    const older = options.tasks - options.worktrees - discards;
    const statuses = ['done', 'stopped', 'failed'] as const;
    generateThreads(
      { home, repoPath: repo.path, baseCommit },
      Array.from({ length: older }, (_, index) => ({
        taskId: `old${index.toString(36).padStart(5, '0')}`,
        title: `older task ${index}`,
        events: 60,
        status: statuses[index % statuses.length]!,
        lastMessage: `Finished older task ${index}.`,
      })),
    );
    const engine = await createEngine({ home });
    try {
      await engine.call('settings/update', { concurrency: 8, defaultAgent: 'scripted' });
      const { repo: added } = await engine.call('repo/add', { path: repo.path });
      log(
        `  ${older} older tasks written as threads; creating ${options.worktrees + discards} (${options.worktrees} keep their worktrees)…`,
      );
      const ids: string[] = [];
      const made = options.worktrees + discards;
      // 16 at a time, as groups of up to 4 attempts the way people run them (a group's ranking sits on each member,
      // so one group of 16 would carry 16 copies of a 16-entry ranking).
      while (ids.length < made) {
        const sizes = groupSizes(Math.min(16, made - ids.length), 4);
        const created = await Promise.all(
          sizes.map((attempts) => engine.call('task/create', { repoId: added.id, prompt: 'say ready', attempts })),
        );
        const batch = created.flatMap(({ tasks }) => tasks.map((task) => task.id));
        ids.push(...batch);
        await settled(engine, batch);
        if (ids.length % 80 === 0) log(`    ${ids.length} of ${made}`);
      }
      log(`  discarding ${discards} of them…`);
      const discardStarted = performance.now();
      for (const taskId of ids.slice(options.worktrees)) await engine.call('task/discard', { taskId });
      discardMs = (performance.now() - discardStarted) / Math.max(1, discards);
      const emptyTimes: number[] = [];
      const fullTimes: number[] = [];
      await creationMs(engine, added.id, 1);
      for (let round = 0; round < 9; round += 1) {
        // A pause first, so the last round's background work (counts, overlap reads) is not in this one.
        await new Promise((resolve) => setTimeout(resolve, 300));
        emptyTimes.push(await creationMs(emptyEngine, emptyRepo, 1));
        await new Promise((resolve) => setTimeout(resolve, 300));
        fullTimes.push(await creationMs(engine, added.id, 1));
      }
      empty = median(emptyTimes);
      full = median(fullTimes);
      fullTrace = (await tracedRound('scale-task-creation', () => creationMs(engine, added.id, 1))).trace;
    } finally {
      await engine.close();
      await emptyEngine.close();
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
      // Start-up work (reconciliation, reading every open worktree's changes) is over once the engine has used under
      // 2% of a core for 2 s (git runs are too short to catch reliably in the process table); at most 2 minutes.
      const restStarted = performance.now();
      for (let window = cpuSeconds(pid); performance.now() - restStarted < 120_000;) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const used = cpuSeconds(pid) - window;
        window += used;
        if (used < 0.04) break;
      }
      const restMs = performance.now() - restStarted;
      const list: number[] = [];
      for (let round = 0; round < 8; round += 1) {
        const started = performance.now();
        const run = spawnSync(process.execPath, ['cli/bin.mjs', 'list'], { cwd: root, env, stdio: 'ignore' });
        if (run.status !== 0) throw new Error('flotilla list failed');
        if (round > 0) list.push(performance.now() - started);
      }
      // The lists' own work (a reply of a thousand tasks) is over before the idle window.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const idle = await idleSeries(pid, options.idleSeconds);
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
          ...(fullTrace ? { trace: fullTrace } : {}),
        },
        { name: 'ratio: creation with them / without', value: ratio, unit: '×', target: '≤ 1.1', met: ratio <= 1.1 },
        {
          name: '`flotilla list` against the running engine at rest (median)',
          value: median(list),
          unit: 'ms',
          target: '≤ 200',
          met: median(list) <= 200,
        },
        {
          name: `discard, ${options.worktrees} other worktrees (mean)`,
          value: discardMs,
          unit: 'ms',
          target: null,
          met: null,
        },
        {
          name: 'engine start-up work until at rest (2 s under 2% of a core)',
          value: restMs,
          unit: 'ms',
          target: null,
          met: null,
        },
        {
          name: `idle engine CPU, first 10 s after rest (% of a core; V8 shrinks its heap once in them)`,
          value: idle.firstShare * 100,
          unit: '%',
          target: null,
          met: null,
        },
        {
          name: `idle engine CPU over ${options.idleSeconds} s (% of a core)`,
          value: idle.share * 100,
          unit: '%',
          target: '< 1',
          met: idle.share < 0.01,
        },
        {
          name: `busiest second of the idle ${options.idleSeconds} s (% of a core)`,
          value: idle.busiest * 100,
          unit: '%',
          target: null,
          met: null,
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
