import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ThreadEvent } from '../shared/events.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { tracedRound } from './bench-trace.js';
import { runPoolBench } from './pool-bench.js';
import { removeTemp } from '../testing/engine/temp-repo.js';
import { countWorkingChanges } from '../engine/worktree/change-count.js';
import { generateRepo } from './generate-repo.js';

/** One measured figure with its target. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  target: string | null;
  met: boolean | null;
  /** A trace of one round of this figure (bench/bench-trace.ts), to open in Perfetto. */
  trace?: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function rawAdd(repo: string, target: string, branch: string): number {
  const started = performance.now();
  execFileSync('git', ['worktree', 'add', '-q', '-b', branch, target, 'main'], { cwd: repo });
  return performance.now() - started;
}

/**
 * Flushes dirty pages so one measurement's writeback does not land in the next. Worktrees are
 * only deleted after all measurements, because mass deletes (with online discard) slow the disk
 * for seconds afterwards.
 */
function settle(): void {
  execFileSync('sync');
}

/** Creates tasks and resolves with the milliseconds until every one is ready for its agent. */
async function timeTasks(engine: Engine, repoId: string, count: number): Promise<{ ms: number; ids: string[] }> {
  const ready = new Set<string>();
  let done: () => void = () => undefined;
  const allReady = new Promise<void>((resolve) => (done = resolve));
  const ids = new Set<string>();
  const off = engine.subscribe((event: ThreadEvent) => {
    if (event.type === 'phase.changed' && event.phase === 'ready' && event.state === 'finished')
      ready.add(event.taskId);
    if (event.type === 'status.changed' && event.status === 'failed')
      throw new Error(`task ${event.taskId} failed: ${event.message}`);
    if (ids.size === count && [...ids].every((id) => ready.has(id))) done();
  });
  const started = performance.now();
  const { tasks } = await engine.call('task/create', { repoId, prompt: 'say ready', attempts: count });
  tasks.forEach((task) => ids.add(task.id));
  if ([...ids].every((id) => ready.has(id))) done();
  await allReady;
  const ms = performance.now() - started;
  off();
  // Let the agents' turns (and their checkpoints) finish before the next measurement, untimed, so
  // one round's background git work never lands in the next round's figure.
  for (const id of ids) {
    while (['queued', 'preparing', 'running'].includes((await engine.call('task/get', { taskId: id })).task.status)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return { ms, ids: [...ids] };
}

/**
 * Measures task creation against raw `git worktree add` on a generated repository, in the same
 * run: one task vs one add (median of `rounds`), 8 parallel tasks vs 8 serial adds, and merge
 * preview time.
 */
export async function runWorktreeBench(options: {
  files: number;
  rounds: number;
  directory?: string;
  log: (text: string) => void;
}): Promise<BenchFigure[]> {
  const parent = options.directory ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
  const root = realpathSync(mkdtempSync(join(parent, 'flotilla-bench-')));
  const { log } = options;
  log(
    `Working in ${root}${parent === '/dev/shm' ? ' (tmpfs, so disk noise does not swamp the comparison; set BENCH_DIR to use another disk)' : ''}.`,
  );
  try {
    log(`Generating a repository of ${options.files} files…`);
    const repo = generateRepo(root, options.files, log);
    const engine = await createEngine({ home: join(root, 'home') });
    try {
      await engine.call('settings/update', { concurrency: 8, defaultAgent: 'scripted' });
      const { repo: added } = await engine.call('repo/add', { path: repo });
      const raw: number[] = [];
      const ours: number[] = [];
      log('  warm-up (not measured)…');
      rawAdd(repo, join(root, 'warm'), 'warm');
      await timeTasks(engine, added.id, 1);
      for (let round = 0; round < options.rounds; round += 1) {
        log(
          `  round ${round + 1}/${options.rounds}: raw git worktree add and a Flotilla task, alternating which goes first…`,
        );
        const measureRaw = () => {
          settle();
          raw.push(rawAdd(repo, join(root, `raw-${round}`), `raw-${round}`));
        };
        const measureOurs = async () => {
          settle();
          ours.push((await timeTasks(engine, added.id, 1)).ms);
        };
        if (round % 2 === 0) {
          measureRaw();
          await measureOurs();
        } else {
          await measureOurs();
          measureRaw();
        }
        log(`    raw add ${raw.at(-1)!.toFixed(1)} ms, task ${ours.at(-1)!.toFixed(1)} ms`);
      }
      log('  8 serial raw adds…');
      settle();
      const serialStarted = performance.now();
      for (let index = 0; index < 8; index += 1) rawAdd(repo, join(root, `serial-${index}`), `serial-${index}`);
      const serial = performance.now() - serialStarted;
      log('  8 parallel Flotilla tasks…');
      settle();
      const parallel = await timeTasks(engine, added.id, 8);
      log('  merge previews…');
      const previewTask = parallel.ids[0] as string;
      const previews: number[] = [];
      for (let index = 0; index < 5; index += 1) {
        const started = performance.now();
        await engine.call('task/mergePreview', { taskId: previewTask });
        previews.push(performance.now() - started);
      }
      log('  change counts (live, while an agent works)…');
      const { task: counted } = await engine.call('task/get', { taskId: previewTask });
      const counts: number[] = [];
      writeFileSync(join(counted.worktreePath, 'bench-live.txt'), 'a line\n');
      for (let index = 0; index < 5; index += 1) {
        const started = performance.now();
        await countWorkingChanges({
          worktree: counted.worktreePath,
          baseRef: counted.baseRef,
          baseCommit: counted.baseCommit,
        });
        counts.push(performance.now() - started);
      }
      log('  one more task creation and 8 parallel ones, traced…');
      const singleTrace = (await tracedRound('task-creation', () => timeTasks(engine, added.id, 1))).trace;
      const parallelTrace = (await tracedRound('8-parallel-tasks', () => timeTasks(engine, added.id, 8))).trace;
      const poolFigures = await runPoolBench({ engine, repoId: added.id, rounds: options.rounds, log });
      const single = median(ours) / median(raw);
      const eight = parallel.ms / serial;
      return [
        { name: 'raw git worktree add (median)', value: median(raw), unit: 'ms', target: null, met: null },
        {
          name: 'task creation until agent can start (median)',
          value: median(ours),
          unit: 'ms',
          target: null,
          met: null,
          trace: singleTrace,
        },
        { name: 'ratio: task creation / raw add', value: single, unit: '×', target: '≤ 1.1', met: single <= 1.1 },
        { name: '8 serial raw adds', value: serial, unit: 'ms', target: null, met: null },
        {
          name: '8 parallel task creations',
          value: parallel.ms,
          unit: 'ms',
          target: null,
          met: null,
          trace: parallelTrace,
        },
        {
          name: 'ratio: 8 parallel tasks / 8 serial adds',
          value: eight,
          unit: '×',
          target: '≤ 1.2',
          met: eight <= 1.2,
        },
        { name: 'merge preview (median of 5)', value: median(previews), unit: 'ms', target: null, met: null },
        {
          name: 'live change count of a worktree (median of 5)',
          value: median(counts),
          unit: 'ms',
          target: null,
          met: null,
        },
        ...poolFigures,
      ];
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(join(root, 'big-repo'), { recursive: true, force: true });
    removeTemp(root);
  }
}
