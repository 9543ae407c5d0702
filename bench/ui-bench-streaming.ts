import type { Browser, Page } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import { replySlowly } from '../testing/model-server/scenario-steps.js';
import { startModelServer } from '../testing/model-server/server.js';
import { createTempRepo, makeTempDir } from '../testing/engine/temp-repo.js';
import { frameProbe, openServedPage, pageMemory, percentile, pollPage, type FrameSamples } from './ui-bench-browser.js';
import { startBenchEngine, waitForStatuses, withTempRoot } from './ui-bench-engine.js';
import type { BenchFigure } from './worktree-bench.js';

/** How the streaming scenario runs. */
export interface StreamingOptions {
  browser: Browser;
  tasks: number;
  seconds: number;
  log(line: string): void;
}

const deltaMs = 20;
const vsyncMs = 1000 / 60;
const chunkChars = 3;
const scenario = 'uiBenchStream';

/**
 * `tasks` built-in agents stream slow text at once from the scripted model server while the
 * overview is on screen; measures frame times, long tasks, memory, and checks that the page
 * received every event the engine recorded.
 */
export async function runStreamingBench(options: StreamingOptions): Promise<BenchFigure[]> {
  // Each reply outlasts the measurement, so every task streams the whole time.
  const deltas = Math.ceil(((options.seconds + 30) * 1_000) / deltaMs);
  const text = Array.from({ length: deltas }, (_, index) => `${index % 100} `.padEnd(chunkChars, ' ')).join('');
  const model = await startModelServer({
    scenarios: [
      {
        name: scenario,
        description: 'Slow text for the UI bench.',
        loop: true,
        steps: [replySlowly(text, deltaMs, chunkChars)],
      },
    ],
    maxRequests: 10_000,
  });
  try {
    return await withTempRoot(
      () => makeTempDir('flotilla-ui-bench-'),
      async (root) => {
        const repo = createTempRepo({ 'README.md': '# bench\n' }, root, 'repo');
        const engine = await startBenchEngine(root, {
          OPENAI_COMPATIBLE_BASE_URL: `${model.url}/v1`,
          OPENAI_COMPATIBLE_API_KEY: 'bench',
        });
        const page = await options.browser.newPage({ viewport: { width: 1440, height: 900 } });
        try {
          const { repo: added } = await engine.api.call('repo/add', { path: repo.path });
          await engine.api.call('settings/update', { concurrency: options.tasks });
          await page.addInitScript(frameProbe);
          await openServedPage(page, engine.serve.url);
          const { tasks } = await engine.api.call('task/create', {
            repoId: added.id,
            prompt: `Stream text for the UI bench [[scenario:${scenario}]]`,
            agent: 'builtin',
            model: 'compatible:bench-stream',
            attempts: options.tasks,
          });
          const ids = tasks.map((task) => task.id);
          await waitForStatuses(engine.api, ids, ['running']);
          const running = (count: number) =>
            document.querySelectorAll('[data-testid="overview-card"][data-status="running"]').length >= count
              ? true
              : undefined;
          await pollPage(page, running, options.tasks, `${options.tasks} running cards in the overview`, 30_000);
          options.log(`  ${options.tasks} tasks streaming; measuring for ${options.seconds} s…`);
          const receivedBefore = (await page.evaluate('window.__flotillaStats?.events ?? 0')) as number;
          await page.evaluate('window.__bench.start()');
          await sleep(options.seconds * 1_000);
          const samples = (await page.evaluate('window.__bench.stop()')) as FrameSamples;
          const during = ((await page.evaluate('window.__flotillaStats?.events ?? 0')) as number) - receivedBefore;
          const memory = await pageMemory(page);
          const stillRunning = (await engine.api.call('task/list', { status: ['running'] })).tasks.length;
          for (const id of ids) await engine.api.call('task/stop', { taskId: id });
          await waitForStatuses(engine.api, ids, ['stopped', 'done', 'failed']);
          const received = await settledStats(page);
          let emitted = 0;
          let lost = 0;
          for (const id of ids) {
            const count = (await engine.api.call('task/events', { taskId: id })).events.length;
            emitted += count;
            lost += Math.max(0, count - (received[id] ?? 0));
          }
          return figures(samples, memory, {
            emitted,
            lost,
            during,
            stillRunning,
            tasks: options.tasks,
            seconds: options.seconds,
          });
        } finally {
          await page.close();
          await engine.close();
        }
      },
    );
  } finally {
    await model.close();
  }
}

/** The page's per-task event counts once they stopped changing for a second. */
async function settledStats(page: Page): Promise<Record<string, number>> {
  let previous = -1;
  for (let round = 0; round < 60; round += 1) {
    const stats = (await page.evaluate('window.__flotillaStats ?? null')) as {
      events: number;
      byTask: Record<string, number>;
    } | null;
    if (!stats)
      throw new Error(
        'The page has no window.__flotillaStats: is the renderer build current (npm run build:renderer)?',
      );
    if (stats.events === previous) return stats.byTask;
    previous = stats.events;
    await sleep(1_000);
  }
  throw new Error('The page kept receiving events for a minute after every task stopped.');
}

function figures(
  samples: FrameSamples,
  memory: { heapUsedMb: number; domNodes: number },
  events: { emitted: number; lost: number; during: number; stillRunning: number; tasks: number; seconds: number },
): BenchFigure[] {
  const p95 = percentile(samples.frames, 0.95);
  const slow = samples.frames.filter((delta) => delta > 1.5 * vsyncMs).length;
  const longTotal = samples.longTasks.reduce((sum, duration) => sum + duration, 0);
  return [
    // rAF deltas come in whole 60 Hz frames (16.7 ms; headless Chromium keeps vsync), so "< 16 ms"
    // reads as: the 95th percentile is one frame, not two (a dropped frame).
    {
      name: 'p95 frame time (rAF delta)',
      value: p95,
      unit: 'ms',
      target: '< 16 ms, i.e. one 60 Hz frame (< 1.25 × 16.7 ms)',
      met: p95 < 1.25 * vsyncMs,
    },
    {
      name: 'p99 frame time (rAF delta)',
      value: percentile(samples.frames, 0.99),
      unit: 'ms',
      target: null,
      met: null,
    },
    { name: 'frames measured', value: samples.frames.length, unit: '', target: null, met: null },
    { name: 'frames longer than 25 ms (dropped)', value: slow, unit: '', target: null, met: null },
    { name: 'long tasks', value: samples.longTasks.length, unit: '', target: null, met: null },
    { name: 'long tasks, total', value: longTotal, unit: 'ms', target: null, met: null },
    {
      name: 'tasks still streaming at the end',
      value: events.stillRunning,
      unit: `of ${events.tasks}`,
      target: null,
      met: null,
    },
    { name: 'events the engine recorded', value: events.emitted, unit: '', target: null, met: null },
    {
      name: 'events received per second while measuring',
      value: events.during / events.seconds,
      unit: '/s',
      target: null,
      met: null,
    },
    { name: 'events lost by the page', value: events.lost, unit: '', target: '0', met: events.lost === 0 },
    { name: 'JS heap after GC', value: memory.heapUsedMb, unit: 'MB', target: null, met: null },
    { name: 'DOM nodes', value: memory.domNodes, unit: '', target: null, met: null },
  ];
}
