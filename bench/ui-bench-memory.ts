import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import type { RemoteEngine } from '../engine/host/ws-client.js';
import { createTempRepo, makeTempDir } from '../testing/engine/temp-repo.js';
import { replySlowly } from '../testing/model-server/scenario-steps.js';
import { startModelServer } from '../testing/model-server/server.js';
import { openServedPage, pageMemory } from './ui-bench-browser.js';
import { engineHeap, engineHeapSnapshot } from './engine-heap.js';
import { startBenchEngine, waitForStatuses, withTempRoot, type BenchEngine } from './ui-bench-engine.js';
import type { BenchFigure } from './worktree-bench.js';

/** Resident memory of a process and its descendants, in MB (engine RSS: `flotilla serve` and what it started). */
function treeRssMb(pid: number): number {
  const table = processTable();
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of table)
      if (tree.has(row.ppid) && !tree.has(row.pid)) {
        tree.add(row.pid);
        grew = true;
      }
  }
  return table.filter((row) => tree.has(row.pid)).reduce((sum, row) => sum + row.rssKb, 0) / 1024;
}

/**
 * Resident memory of the renderer process that runs the window, in MB, and its pid: the largest of this browser's
 * renderers (the others are Chromium's spare and blank-page renderers, which a desktop window would not have).
 */
async function windowRenderer(browser: Browser): Promise<{ pid: number; rssMb: number }> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { id: number; type: string }[];
    };
    const renderers = new Set(processInfo.filter((one) => one.type === 'renderer').map((one) => one.id));
    const rows = processTable().filter((row) => renderers.has(row.pid));
    const largest = rows.reduce((best, row) => (row.rssKb > best.rssKb ? row : best));
    return { pid: largest.pid, rssMb: largest.rssKb / 1024 };
  } finally {
    await session.detach();
  }
}

/** Resident memory of the window's renderer process, in MB (see windowRenderer). */
async function rendererRssMb(browser: Browser): Promise<number> {
  return (await windowRenderer(browser)).rssMb;
}

/** The anonymous (not file-backed) part of one process's resident memory, in MB. */
function anonMb(pid: number): number {
  const line = /RssAnon:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? NaN) / 1024;
}

function processTable(): { pid: number; ppid: number; rssKb: number; args: string }[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 })
    .trim()
    .split('\n')
    .map((line) => {
      const [pid, ppid, rss, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), rssKb: Number(rss), args: args.join(' ') };
    });
}

/**
 * How long the engine and the window rest before each idle reading, (a) as much as (c). The loop compresses half an
 * hour of use into minutes, without the pauses in which Chromium gives back what it freed (its allocators purge on
 * timers: after the loop the window's RSS falls by about 10 MB over 30 s, then holds); a reading 2 s after the loop is
 * printed too. BENCH_MEMORY_REST_MS changes it.
 */
export const restMs = Number(process.env.BENCH_MEMORY_REST_MS ?? 30_000);
if (!Number.isFinite(restMs) || restMs < 0)
  throw new Error(`BENCH_MEMORY_REST_MS takes milliseconds (0 or more); got "${process.env.BENCH_MEMORY_REST_MS}".`);

interface MemoryPoint {
  engineMb: number;
  engineHeapMb: number;
  engineHeapTotalMb: number;
  engineExternalMb: number;
  engineAnonMb: number;
  heapMb: number;
  /** The window's JS heap as reserved (used plus free pages V8 keeps). */
  heapTotalMb: number;
  rendererMb: number;
  /** The anonymous part of the renderer's RSS (the rest is mostly Chromium's own code, paged in as it runs). */
  rendererAnonMb: number;
  domNodes: number;
  /** Nodes in the page's sidebar and main view (the rest of domNodes: the page's frame, and nodes not yet collected). */
  sidebarNodes: number;
  mainNodes: number;
  listeners: number;
}

/** Forces a full collection in the engine and the window, then reads both (the printed figures say so). */
async function measure(page: Page, engine: BenchEngine, snapshot: string | null): Promise<MemoryPoint> {
  const heap = await engineHeap(engine.serve.output());
  const memory = await pageMemory(page);
  const counters = await domCounters(page);
  // Inline callbacks only: tsx names local functions through a helper the page does not have.
  const [sidebarNodes, mainNodes] = await page.evaluate(
    (selectors) =>
      selectors.map((selector) => {
        const root = document.querySelector(selector);
        if (!root) return 0;
        const walker = document.createTreeWalker(root);
        let nodes = 1;
        while (walker.nextNode()) nodes += 1;
        return nodes;
      }),
    ['aside.sidebar', 'main.main'],
  );
  // Let the collection's effect reach the process's resident size before reading it.
  await sleep(500);
  const browser = page.context().browser();
  if (!browser) throw new Error('The page has no browser to measure.');
  const point = {
    engineMb: treeRssMb(engine.serve.pid),
    engineHeapMb: heap.usedMb,
    engineHeapTotalMb: heap.totalMb,
    engineExternalMb: heap.externalMb,
    engineAnonMb: anonMb(engine.serve.pid),
    heapMb: memory.heapUsedMb,
    heapTotalMb: memory.heapTotalMb,
    ...(await windowRenderer(browser).then((renderer) => ({
      rendererMb: renderer.rssMb,
      rendererAnonMb: anonMb(renderer.pid),
    }))),
    domNodes: counters.nodes,
    sidebarNodes: sidebarNodes ?? 0,
    mainNodes: mainNodes ?? 0,
    listeners: counters.jsEventListeners,
  };
  const mappings = process.env.BENCH_MEMORY_SMAPS;
  if (mappings && snapshot) {
    // Which of the engine's mappings hold its RSS (without heap snapshots, whose writing grows the engine's malloc heap).
    mkdirSync(mappings, { recursive: true });
    writeFileSync(join(mappings, `engine-${snapshot}.smaps`), readFileSync(`/proc/${engine.serve.pid}/smaps`, 'utf8'));
  }
  const folder = process.env.BENCH_MEMORY_SNAPSHOTS;
  if (folder && snapshot) {
    mkdirSync(folder, { recursive: true });
    await engineHeapSnapshot(engine.serve.output(), join(folder, `engine-${snapshot}.heapsnapshot`));
    await pageHeapSnapshot(page, join(folder, `window-${snapshot}.heapsnapshot`));
    await memoryDump(browser, join(folder, `chromium-${snapshot}.json`));
  }
  return point;
}

async function domCounters(page: Page): Promise<{ nodes: number; jsEventListeners: number }> {
  const session = await page.context().newCDPSession(page);
  try {
    return (await session.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
  } finally {
    await session.detach();
  }
}

/** Chromium's own memory accounting (memory-infra: per allocator, per process), as trace events. */
async function memoryDump(browser: Browser, path: string): Promise<void> {
  const session = await browser.newBrowserCDPSession();
  const events: unknown[] = [];
  session.on('Tracing.dataCollected', (event) => events.push(...event.value));
  const done = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()));
  try {
    await session.send('Tracing.start', {
      // The protocol types type memoryDumpConfig loosely; Chromium reads this shape (no periodic dumps).
      traceConfig: {
        includedCategories: ['disabled-by-default-memory-infra'],
        memoryDumpConfig: { triggers: [] } as unknown as Record<string, string>,
      },
    });
    await session.send('Tracing.requestMemoryDump', { levelOfDetail: 'detailed' });
    await session.send('Tracing.end');
    await done;
    writeFileSync(path, JSON.stringify(events));
  } finally {
    await session.detach();
  }
}

async function pageHeapSnapshot(page: Page, path: string): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
  try {
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    writeFileSync(path, chunks.join(''));
  } finally {
    await session.detach();
  }
}

/**
 * With BENCH_MEMORY_PROFILE=<file>, samples what the window allocates during the long-use loop, garbage included, and
 * writes it as a .heapprofile (open it in DevTools' Memory tab): where the window's churn comes from.
 */
async function startAllocationProfile(page: Page): Promise<{ stop(): Promise<void> } | null> {
  const path = process.env.BENCH_MEMORY_PROFILE;
  if (!path) return null;
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.startSampling', {
    samplingInterval: 32_768,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return {
    async stop() {
      const { profile } = await session.send('HeapProfiler.stopSampling');
      writeFileSync(path, JSON.stringify(profile));
      await session.detach();
    },
  };
}

/**
 * Scrolls the sidebar (windowed past a few dozen rows) from the top until the task's row is in the page; waits up to
 * `timeoutMs` for a row the window has not listed yet.
 */
async function scrollToRow(page: Page, taskId: string, timeoutMs = 0): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await page.evaluate(async (id) => {
      const list = document.querySelector('.sidebar-list');
      if (!list) return false;
      list.scrollTop = 0;
      for (let step = 0; step < 500; step += 1) {
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const row = document.querySelector(`[data-testid="task-row"][data-task-id="${id}"]`);
        if (row) {
          row.scrollIntoView({ block: 'nearest' });
          return true;
        }
        if (list.scrollTop + list.clientHeight >= list.scrollHeight) return false;
        list.scrollTop += list.clientHeight / 2;
      }
      return false;
    }, taskId);
    if (found) return;
    if (Date.now() >= deadline) throw new Error(`The sidebar has no row for task ${taskId}.`);
    await sleep(200);
  }
}

/**
 * Opens each task's thread and review, then the overview. Waits through locators: page.waitForSelector returns an
 * element handle the page keeps (retained through DevTools) until disposed, which would hold every closed view.
 */
async function openAndClose(page: Page, taskIds: readonly string[]): Promise<void> {
  for (const taskId of taskIds) {
    await scrollToRow(page, taskId);
    await page.click(`[data-testid="task-row"][data-task-id="${taskId}"]`);
    await page.locator('[data-testid="thread-header"]').waitFor();
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.locator('[data-testid="review-panel"]').waitFor();
    await page.getByRole('tab', { name: 'Thread' }).click();
  }
  await page.click('[data-testid="nav-overview"]');
}

/**
 * Memory of the engine and the window (issue "Speed and scale", item 2): (a) idle with 3 repositories and 20
 * finished threads, (b) with `streaming` agents streaming, (c) after a loop standing for long use (threads and
 * reviews opened and closed, `loopTasks` more tasks), against (a).
 */
export async function runMemoryBench(options: {
  browser: Browser;
  streaming: number;
  loopTasks: number;
  log(line: string): void;
}): Promise<BenchFigure[]> {
  const model = await startModelServer({
    scenarios: [
      {
        name: 'memoryStream',
        description: 'Slow text for the memory bench.',
        loop: true,
        steps: [replySlowly('word '.repeat(4000), 20, 5)],
      },
    ],
    maxRequests: 10_000,
  });
  try {
    return await withTempRoot(
      () => makeTempDir('flotilla-memory-bench-'),
      async (root) => {
        const engine = await startBenchEngine(root, {
          OPENAI_COMPATIBLE_BASE_URL: `${model.url}/v1`,
          OPENAI_COMPATIBLE_API_KEY: 'bench',
          // The bench forces collections through the inspector before each reading.
          NODE_OPTIONS: '--inspect=127.0.0.1:0',
          ...engineEnv(process.env.BENCH_ENGINE_ENV ?? ''),
        });
        const page = await options.browser.newPage({ viewport: { width: 1440, height: 900 } });
        try {
          const api = engine.api;
          const repoIds: string[] = [];
          for (const name of ['alpha', 'beta', 'gamma']) {
            const repo = createTempRepo({ 'README.md': `# ${name}\n` }, root, name);
            repoIds.push((await api.call('repo/add', { path: repo.path })).repo.id);
          }
          await api.call('settings/update', { concurrency: 16, defaultAgent: 'scripted' });
          const finished = await createScripted(api, repoIds, 20);
          await openServedPage(page, engine.serve.url);
          await sleep(restMs);
          const idle = await measure(page, engine, 'idle');
          options.log(`  idle: ${describe(idle)}`);
          // The same, once every view has been shown (its code loaded and compiled): what (c) holds beyond that is
          // what use left behind.
          await openAndClose(page, finished.slice(0, 1));
          await sleep(restMs);
          const warm = await measure(page, engine, null);
          options.log(`  idle, every view shown once: ${describe(warm)}`);

          const { tasks } = await api.call('task/create', {
            repoId: repoIds[0]!,
            prompt: 'Stream for the memory bench [[scenario:memoryStream]]',
            agent: 'builtin',
            model: 'compatible:memory-stream',
            attempts: options.streaming,
          });
          const streamingIds = tasks.map((task) => task.id);
          await waitForStatuses(api, streamingIds, ['running']);
          await sleep(10_000);
          const streaming = await measure(page, engine, null);
          for (const taskId of streamingIds) await api.call('task/stop', { taskId });
          await waitForStatuses(api, streamingIds, ['stopped', 'done', 'failed']);

          options.log(`  long use: ${options.loopTasks} tasks, threads and reviews opened and closed…`);
          const profile = await startAllocationProfile(page);
          let halfway: MemoryPoint | null = null;
          for (let made = 0; made < options.loopTasks; made += 20) {
            const batch = await createScripted(api, repoIds, Math.min(20, options.loopTasks - made));
            // Searched through the sidebar's window: the overview lists only the latest few finished tasks.
            await scrollToRow(page, batch.at(-1)!, 30_000);
            await openAndClose(page, [...finished.slice(0, 5), ...batch.slice(0, 3)]);
            const browser = page.context().browser();
            if (browser)
              options.log(
                `    ${made + batch.length} of ${options.loopTasks}: engine RSS ${treeRssMb(engine.serve.pid).toFixed(0)} MB (anonymous ${anonMb(engine.serve.pid).toFixed(0)} MB), renderer RSS ${(await rendererRssMb(browser)).toFixed(0)} MB (no collection forced)`,
              );
            // Read once more halfway (collections forced, as for the others): what the second half adds is what use
            // keeps adding, apart from what the first use of each part warmed up.
            if (!halfway && made + batch.length >= options.loopTasks / 2) {
              await sleep(restMs);
              halfway = await measure(page, engine, null);
              options.log(`    halfway: ${describe(halfway)}`);
            }
          }
          await profile?.stop();
          await sleep(2000);
          const burst = await measure(page, engine, null);
          await sleep(Math.max(0, restMs - 2000));
          const after = await measure(page, engine, 'after');
          options.log(`  streaming: ${describe(streaming)}`);
          options.log(`  2 s after the loop: ${describe(burst)}`);
          options.log(`  after ${restMs / 1000} s at rest: ${describe(after)}`);
          return memoryFigures({ idle, warm, streaming, halfway: halfway ?? after, burst, after }, options.streaming);
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

/** Extra environment for the engine, from BENCH_ENGINE_ENV ("NAME=value NAME=value", e.g. MALLOC_ARENA_MAX=2). */
function engineEnv(text: string): Record<string, string> {
  const pairs = text.split(/\s+/).filter(Boolean);
  const bad = pairs.find((pair) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(pair));
  if (bad) throw new Error(`BENCH_ENGINE_ENV takes NAME=value pairs separated by spaces; "${bad}" is not one.`);
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

function describe(point: MemoryPoint): string {
  return [
    `engine RSS ${point.engineMb.toFixed(0)} MB (anonymous ${point.engineAnonMb.toFixed(0)} MB, heap ${point.engineHeapMb.toFixed(1)} of ${point.engineHeapTotalMb.toFixed(1)} MB, external ${point.engineExternalMb.toFixed(1)} MB)`,
    `renderer RSS ${point.rendererMb.toFixed(0)} MB (anonymous ${point.rendererAnonMb.toFixed(0)} MB, heap ${point.heapMb.toFixed(1)} of ${point.heapTotalMb.toFixed(1)} MB)`,
    `${point.domNodes} DOM nodes (sidebar ${point.sidebarNodes}, main view ${point.mainNodes}), ${point.listeners} listeners`,
  ].join(', ');
}

async function createScripted(api: RemoteEngine, repoIds: readonly string[], count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const repoId = repoIds[index % repoIds.length]!;
    const { tasks } = await api.call('task/create', {
      repoId,
      prompt: `write notes-${index}.txt line ${index}\nsay wrote notes ${index}`,
      agent: 'scripted',
    });
    ids.push(tasks[0]!.id);
  }
  await waitForStatuses(api, ids, ['done'], 120_000);
  return ids;
}

function memoryFigures(
  {
    idle,
    warm,
    streaming,
    halfway,
    burst,
    after,
  }: Record<'idle' | 'warm' | 'streaming' | 'halfway' | 'burst' | 'after', MemoryPoint>,
  agents: number,
): BenchFigure[] {
  const together = (point: MemoryPoint) => point.engineMb + point.rendererMb;
  /** How much more `to` ((c) unless named) holds than `from`, in percent. */
  const growthOver = (from: MemoryPoint, to = after) => ((together(to) - together(from)) / together(from)) * 100;
  const mb = (name: string, value: number, target: string | null = null, met: boolean | null = null) => ({
    name,
    value,
    unit: 'MB',
    target,
    met,
  });
  const percent = (name: string, value: number, target: string | null = null, met: boolean | null = null) => ({
    ...mb(name, value, target, met),
    unit: '%',
  });
  return [
    mb('(a) idle: engine RSS', idle.engineMb),
    mb('(a) idle: window JS heap', idle.heapMb),
    mb('(a) idle: window renderer RSS', idle.rendererMb),
    mb('(a) idle: engine + renderer', together(idle), '≤ 250', together(idle) <= 250),
    mb(`(b) ${agents} streaming: engine RSS`, streaming.engineMb),
    mb(`(b) ${agents} streaming: window JS heap`, streaming.heapMb),
    mb(`(b) ${agents} streaming: engine + renderer`, together(streaming), '≤ 400', together(streaming) <= 400),
    mb('(c) after long use: engine RSS', after.engineMb),
    mb('(c) after long use: window JS heap', after.heapMb),
    mb('(c) after long use: engine + renderer', together(after)),
    percent('(c) growth over (a)', growthOver(idle), '≤ 10', growthOver(idle) <= 10),
    mb('(a) idle, every view shown once: engine + renderer', together(warm)),
    percent('(c) growth over that', growthOver(warm)),
    mb('(c) read 2 s after the loop, before resting: engine + renderer', together(burst)),
    percent('(c) 2 s after the loop: growth over (a)', growthOver(idle, burst)),
    mb('(c) halfway through the loop: engine + renderer', together(halfway)),
    percent("(c) growth over the loop's second half", growthOver(halfway)),
  ];
}
