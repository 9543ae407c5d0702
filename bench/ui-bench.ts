import { ensureRendererBuilt } from '../scripts/renderer-build.js';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './ui-bench-browser.js';
import { withWindowJsFlags } from '../electron/common/window-v8.js';
import { runDiffBench, runStartupBench } from './ui-bench-loading.js';
import { restMs, runMemoryBench } from './ui-bench-memory.js';
import { runThreadOpenBench } from './ui-bench-thread.js';
import { runStreamingBench } from './ui-bench-streaming.js';
import type { BenchFigure } from './worktree-bench.js';

/** A titled group of figures. */
export interface BenchSection {
  title: string;
  figures: BenchFigure[];
}

/** How big the UI bench runs; every number has an environment override for a quick run. */
export interface UiBenchOptions {
  /** How long the streaming measurement lasts (BENCH_UI_SECONDS, default 60). */
  seconds: number;
  /** Tasks streaming at once (BENCH_UI_TASKS, default 16). */
  tasks: number;
  /** Events in the long thread (BENCH_UI_THREAD_EVENTS, default 200,000). */
  threadEvents: number;
  /** Files in the big diff (BENCH_UI_DIFF_FILES, default 500), each with 40 changed lines. */
  diffFiles: number;
  /** Stored tasks at start-up (BENCH_UI_THREADS, default 1,000). */
  storedThreads: number;
  /** How many of them keep a worktree (BENCH_UI_WORKTREES, default 200). */
  storedWorktrees: number;
  /** Measurements per loading figure (BENCH_UI_RUNS, default 3; the median is printed). */
  runs: number;
  /** Tasks made during the memory bench's long-use loop (BENCH_UI_MEMORY_TASKS, default 200). */
  memoryTasks: number;
  log(line: string): void;
}

/** Reads the UI bench's size from the environment. */
export function uiBenchOptions(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
): UiBenchOptions {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`${name} must be a positive number, got "${env[name]}".`);
    return value;
  };
  return {
    seconds: number('BENCH_UI_SECONDS', 60),
    tasks: number('BENCH_UI_TASKS', 16),
    threadEvents: number('BENCH_UI_THREAD_EVENTS', 200_000),
    diffFiles: number('BENCH_UI_DIFF_FILES', 500),
    storedThreads: number('BENCH_UI_THREADS', 1000),
    storedWorktrees: number('BENCH_UI_WORKTREES', 200),
    runs: number('BENCH_UI_RUNS', 3),
    memoryTasks: number('BENCH_UI_MEMORY_TASKS', 200),
    log,
  };
}

/**
 * The UI bench: the built renderer in headless Chromium against real `flotilla serve` processes
 * and the scripted model server. Builds the renderer first when it is missing or stale.
 */
export async function runUiBench(options: UiBenchOptions): Promise<BenchSection[]> {
  ensureRendererBuilt(options.log);
  const browser = await launchBrowser();
  try {
    const sections: BenchSection[] = [];
    options.log(`UI: ${options.tasks} tasks streaming for ${options.seconds} s…`);
    sections.push({
      title: `UI: ${options.tasks} tasks streaming at once for ${options.seconds} s (overview on screen)`,
      figures: await runStreamingBench({ browser, tasks: options.tasks, seconds: options.seconds, log: options.log }),
    });
    options.log(`UI: opening a thread of ${options.threadEvents} events…`);
    const loading = { browser, runs: options.runs, log: options.log };
    const opening = await runThreadOpenBench({ ...loading, events: options.threadEvents });
    options.log(`UI: a diff of ${options.diffFiles} files…`);
    const diff = await runDiffBench({ ...loading, files: options.diffFiles, linesPerFile: 40 });
    const startup = await startupFigures(options, browser);
    sections.push({ title: `UI: loading (median of ${options.runs})`, figures: [...opening, ...diff, ...startup] });
    options.log(`UI: memory of the engine and the window…`);
    sections.push({
      title: memoryTitle(options),
      figures: await runMemoryBench({
        browser,
        streaming: options.tasks,
        loopTasks: options.memoryTasks,
        log: options.log,
      }),
    });
    return sections;
  } finally {
    await browser.close();
  }
}

function startupFigures(options: UiBenchOptions, browser: Browser): Promise<BenchFigure[]> {
  options.log(`UI: start-up with ${options.storedThreads} stored tasks, ${options.storedWorktrees} with worktrees…`);
  return runStartupBench({
    browser,
    runs: options.runs,
    log: options.log,
    threads: options.storedThreads,
    worktrees: options.storedWorktrees,
  });
}

/** Only the window start-up part of the UI bench (BENCH_ONLY=startup). */
export async function runUiStartupBench(options: UiBenchOptions): Promise<BenchSection> {
  ensureRendererBuilt(options.log);
  const browser = await launchBrowser();
  try {
    return {
      title: `UI: window start-up (median of ${options.runs})`,
      figures: await startupFigures(options, browser),
    };
  } finally {
    await browser.close();
  }
}

/** Only the memory part of the UI bench (BENCH_ONLY=memory). */
export async function runUiMemoryBench(options: UiBenchOptions): Promise<BenchSection> {
  ensureRendererBuilt(options.log);
  const browser = await launchBrowser();
  try {
    return {
      title: memoryTitle(options),
      figures: await runMemoryBench({
        browser,
        streaming: options.tasks,
        loopTasks: options.memoryTasks,
        log: options.log,
      }),
    };
  } finally {
    await browser.close();
  }
}

function memoryTitle(options: UiBenchOptions): string {
  // The window's V8 flags change what its heap holds, so the figures say which were on (FLOTILLA_SPARKPLUG=1 drops them).
  const jsFlags = withWindowJsFlags('', process.env) || 'none';
  return `Memory: engine and window, idle, ${options.tasks} streaming, after long use (each idle reading after ${restMs / 1000} s at rest and a full GC forced in both; window V8 flags: ${jsFlags})`;
}
