import { performance } from 'node:perf_hooks';
import type { ThreadEvent } from '../shared/events.js';
import { startHarness } from '../testing/engine/engine-harness.js';
import { tracedRound } from './bench-trace.js';
import type { BenchFigure } from './worktree-bench.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

interface RoundResult {
  warnedMs: number;
  conflictsMs: number;
}

/** A repository of `files` small files, so the snapshot and the diffs read a tree of some size. */
function repoFiles(files: number): Record<string, string> {
  const tree: Record<string, string> = {};
  for (let index = 0; index < files; index++)
    tree[`src/dir${index % 50}/file${index}.ts`] = `export const n${index} = 1;\n`;
  return tree;
}

/**
 * Two running tasks on one base: the first has written shared.txt; the second writes it too. Measured from the second
 * task's write finishing to the warning on the first (files), and to the warning saying the changes conflict.
 */
async function oneRound(files: number): Promise<RoundResult> {
  const harness = await startHarness({ files: repoFiles(files) });
  try {
    const first = await harness.createTask('write shared.txt one\nsleep 60000', { agent: 'scripted' });
    await harness.waitForEvent(first.id, (event) => event.type === 'changes.counted', 60_000);
    let wrote = NaN;
    let warned = NaN;
    let conflicts = NaN;
    const done = new Promise<void>((resolve) => {
      harness.engine.subscribe((event: ThreadEvent) => {
        const now = performance.now();
        if (event.taskId !== first.id && event.type === 'tool.finished' && Number.isNaN(wrote)) wrote = now;
        if (event.taskId !== first.id || event.type !== 'overlaps.changed' || event.overlaps.length === 0) return;
        if (Number.isNaN(warned)) warned = now;
        if (event.overlaps[0]?.conflicts === true && Number.isNaN(conflicts)) {
          conflicts = now;
          resolve();
        }
      });
    });
    await harness.createTask('write shared.txt two\nsleep 60000', { agent: 'scripted' });
    await done;
    return { warnedMs: warned - wrote, conflictsMs: conflicts - wrote };
  } finally {
    await harness.dispose();
  }
}

/** The overlap warning's delay after the second task's write, on a repository of `files` files. */
export async function runOverlapBench(options: {
  rounds: number;
  files: number;
  log(text: string): void;
}): Promise<BenchFigure[]> {
  const results: RoundResult[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    results.push(await oneRound(options.files));
    options.log(`  overlap round ${round + 1} of ${options.rounds}`);
  }
  const { trace } = await tracedRound('overlap-warning', () => oneRound(options.files));
  const figure = (name: string, value: number): BenchFigure => ({ name, value, unit: 'ms', target: null, met: null });
  return [
    {
      ...figure('second write → overlap warning on the other task (median)', median(results.map((r) => r.warnedMs))),
      trace,
    },
    figure('second write → warning says "conflicts" (median)', median(results.map((r) => r.conflictsMs))),
    figure('second write → overlap warning (slowest round)', Math.max(...results.map((r) => r.warnedMs))),
  ];
}
