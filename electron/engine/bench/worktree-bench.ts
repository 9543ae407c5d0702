import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ThreadEvent } from '../../../shared/events.js';
import { createEngine, type Engine } from '../engine.js';
import { makeTempDir, removeTemp } from '../test-support/temp-repo.js';
import { generateRepo } from './generate-repo.js';

/** One measured figure with its target. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  target: string | null;
  met: boolean | null;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function rawAdd(repo: string, target: string, branch: string): number {
  const started = performance.now();
  execFileSync('git', ['worktree', 'add', '-q', '-b', branch, target, 'main'], { cwd: repo });
  return performance.now() - started;
}

function cleanRaw(repo: string, target: string, branch: string): void {
  execFileSync('git', ['worktree', 'remove', '--force', target], { cwd: repo });
  execFileSync('git', ['branch', '-D', '-q', branch], { cwd: repo });
}

/** Creates tasks and resolves with the milliseconds until every one is ready for its agent. */
async function timeTasks(engine: Engine, repoId: string, count: number): Promise<{ ms: number; ids: string[] }> {
  const ready = new Set<string>();
  let done: () => void = () => undefined;
  const allReady = new Promise<void>((resolve) => (done = resolve));
  const ids = new Set<string>();
  const off = engine.subscribe((event: ThreadEvent) => {
    if (event.type === 'phase.changed' && event.phase === 'ready' && event.state === 'finished') ready.add(event.taskId);
    if (event.type === 'status.changed' && event.status === 'failed') throw new Error(`task ${event.taskId} failed: ${event.message}`);
    if (ids.size === count && [...ids].every((id) => ready.has(id))) done();
  });
  const started = performance.now();
  const { tasks } = await engine.call('task/create', { repoId, prompt: 'say ready', attempts: count });
  tasks.forEach((task) => ids.add(task.id));
  if ([...ids].every((id) => ready.has(id))) done();
  await allReady;
  const ms = performance.now() - started;
  off();
  return { ms, ids: [...ids] };
}

/**
 * Measures task creation against raw `git worktree add` on a generated repository, in the same
 * run: one task vs one add (median of `rounds`), 8 parallel tasks vs 8 serial adds, and merge
 * preview time.
 */
export async function runWorktreeBench(options: { files: number; rounds: number; log: (text: string) => void }): Promise<BenchFigure[]> {
  const root = makeTempDir('flotilla-bench-');
  const { log } = options;
  try {
    log(`Generating a repository of ${options.files} files…`);
    const repo = generateRepo(root, options.files, log);
    const engine = await createEngine({ home: join(root, 'home') });
    try {
      await engine.call('settings/update', { concurrency: 8 });
      const { repo: added } = await engine.call('repo/add', { path: repo });
      const raw: number[] = [];
      const ours: number[] = [];
      for (let round = 0; round < options.rounds; round += 1) {
        log(`  round ${round + 1}/${options.rounds}: raw git worktree add, then a Flotilla task…`);
        const target = join(root, `raw-${round}`);
        raw.push(rawAdd(repo, target, `raw-${round}`));
        cleanRaw(repo, target, `raw-${round}`);
        const { ms, ids } = await timeTasks(engine, added.id, 1);
        ours.push(ms);
        for (const id of ids) await engine.call('task/discard', { taskId: id });
      }
      log('  8 serial raw adds…');
      let serial = 0;
      for (let index = 0; index < 8; index += 1) serial += rawAdd(repo, join(root, `serial-${index}`), `serial-${index}`);
      for (let index = 0; index < 8; index += 1) cleanRaw(repo, join(root, `serial-${index}`), `serial-${index}`);
      log('  8 parallel Flotilla tasks…');
      const parallel = await timeTasks(engine, added.id, 8);
      log('  merge previews…');
      const previewTask = parallel.ids[0] as string;
      const previews: number[] = [];
      for (let index = 0; index < 5; index += 1) {
        const started = performance.now();
        await engine.call('task/mergePreview', { taskId: previewTask });
        previews.push(performance.now() - started);
      }
      const single = median(ours) / median(raw);
      const eight = parallel.ms / serial;
      return [
        { name: 'raw git worktree add (median)', value: median(raw), unit: 'ms', target: null, met: null },
        { name: 'task creation until agent can start (median)', value: median(ours), unit: 'ms', target: null, met: null },
        { name: 'ratio: task creation / raw add', value: single, unit: '×', target: '≤ 1.1', met: single <= 1.1 },
        { name: '8 serial raw adds', value: serial, unit: 'ms', target: null, met: null },
        { name: '8 parallel task creations', value: parallel.ms, unit: 'ms', target: null, met: null },
        { name: 'ratio: 8 parallel tasks / 8 serial adds', value: eight, unit: '×', target: '≤ 1.2', met: eight <= 1.2 },
        { name: 'merge preview (median of 5)', value: median(previews), unit: 'ms', target: null, met: null },
      ];
    } finally {
      await engine.close();
    }
  } finally {
    rmSync(join(root, 'big-repo'), { recursive: true, force: true });
    removeTemp(root);
  }
}
