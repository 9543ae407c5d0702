import { tuneEngineV8 } from '../engine/host/engine-v8.js';
import { runCliBench } from './cli-bench.js';
import { runGroupBench } from './group-bench.js';
import { runHostBench } from './host-bench.js';
import { runOverlapBench } from './overlap-bench.js';
import { runPoolBenchAlone } from './pool-bench.js';
import { runTeamBench } from './team-bench.js';
import { runScaleBench } from './scale-bench.js';
import { runUiBench, runUiMemoryBench, runUiStartupBench, uiBenchOptions } from './ui-bench.js';
import { runWorktreeBench, type BenchFigure } from './worktree-bench.js';

/** Prints figures as an aligned table. */
export function printFigures(title: string, figures: readonly BenchFigure[]): void {
  console.log(`\n${title}`);
  for (const figure of figures) {
    const value = figure.unit === '×' ? figure.value.toFixed(3) : figure.value.toFixed(1);
    const verdict =
      figure.met === null ? '' : figure.met ? `  target ${figure.target}: met` : `  target ${figure.target}: MISSED`;
    console.log(`  ${figure.name.padEnd(58)} ${value.padStart(10)} ${figure.unit}${verdict}`);
    if (figure.trace) console.log(`    trace: ${figure.trace}`);
  }
}

// The engine benches that open an engine in this process (worktree, pool, scale) measure it as `flotilla serve` and the
// desktop app run it.
tuneEngineV8();

// BENCH_ONLY=cli, engine, pool (part of engine), scale, groups, overlap, team, hosts, ui, or memory or startup (parts
// of ui) runs one part; all by default.
const only = process.env.BENCH_ONLY ?? 'all';
const parts = [
  'all',
  'cli',
  'engine',
  'pool',
  'scale',
  'groups',
  'overlap',
  'team',
  'hosts',
  'ui',
  'memory',
  'startup',
];
if (!parts.includes(only)) throw new Error(`BENCH_ONLY must be one of ${parts.slice(1).join(', ')}, got "${only}".`);

if (only === 'all' || only === 'cli') {
  const figures = await runCliBench({
    rounds: Number(process.env.BENCH_CLI_ROUNDS ?? 15),
    log: (text) => console.log(text),
  });
  printFigures('CLI start-up', figures);
}

if (only === 'all' || only === 'engine') {
  const files = Number(process.env.BENCH_FILES ?? 30_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
  const figures = await runWorktreeBench({
    files,
    rounds,
    ...(process.env.BENCH_DIR ? { directory: process.env.BENCH_DIR } : {}),
    log: (text) => console.log(text),
  });
  printFigures(`Engine: worktrees on a ${files}-file repository`, figures);
}

if (only === 'pool') {
  const files = Number(process.env.BENCH_FILES ?? 30_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
  const figures = await runPoolBenchAlone({ files, rounds, log: (text) => console.log(text) });
  printFigures(`Warm pool on a ${files}-file repository`, figures);
}

if (only === 'all' || only === 'scale') {
  const worktrees = Number(process.env.BENCH_SCALE_WORKTREES ?? 200);
  const tasks = Number(process.env.BENCH_SCALE_TASKS ?? 1000);
  const idleSeconds = Number(process.env.BENCH_SCALE_IDLE ?? 60);
  const discards = Number(process.env.BENCH_SCALE_DISCARDS ?? 50);
  const figures = await runScaleBench({ worktrees, tasks, discards, idleSeconds, log: (text) => console.log(text) });
  printFigures(`Scale: ${worktrees} worktrees and ${tasks} tasks in one home`, figures);
}

if (only === 'all' || only === 'groups') {
  const rounds = Number(process.env.BENCH_GROUP_ROUNDS ?? 5);
  const figures = await runGroupBench({ rounds, log: (text) => console.log(text) });
  printFigures('Groups on the scripted model server: ranking after the last attempt, and the judge share', figures);
}

if (only === 'all' || only === 'overlap') {
  const files = Number(process.env.BENCH_OVERLAP_FILES ?? 2000);
  const rounds = Number(process.env.BENCH_OVERLAP_ROUNDS ?? 5);
  const figures = await runOverlapBench({ rounds, files, log: (text) => console.log(text) });
  printFigures(`Overlap warnings: two running tasks writing one file, on a ${files}-file repository`, figures);
}

if (only === 'all' || only === 'team') {
  const rounds = Number(process.env.BENCH_TEAM_ROUNDS ?? 5);
  const figures = await runTeamBench({ rounds, log: (text) => console.log(text) });
  printFigures('Teams on the scripted model server: a subtask starting', figures);
}

if (only === 'all' || only === 'hosts') {
  const rounds = Number(process.env.BENCH_HOST_ROUNDS ?? 7);
  const figures = await runHostBench({ rounds, log: (text) => console.log(text) });
  if (figures.length) printFigures('Remote hosts over ssh (a throw-away sshd on 127.0.0.1)', figures);
}

if (only === 'all' || only === 'ui') {
  const sections = await runUiBench(uiBenchOptions());
  for (const section of sections) printFigures(section.title, section.figures);
}

if (only === 'startup') {
  const section = await runUiStartupBench(uiBenchOptions());
  printFigures(section.title, section.figures);
}

if (only === 'memory') {
  const section = await runUiMemoryBench(uiBenchOptions());
  printFigures(section.title, section.figures);
}
