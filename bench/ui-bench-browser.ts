import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { withWindowJsFlags } from '../electron/common/window-v8.js';

/** Chromium flags for a quiet, headless, container-friendly browser. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to drive: CHROMIUM_PATH, Debian's, or Playwright's own; throws saying how to get one. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) {
    if (existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but no file is there.`);
  }
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  if (found) return found;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    'No Chromium for the UI bench: install one (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.',
  );
}

/**
 * Launches headless Chromium for the bench, with extra flags when given. It stands in for the desktop window, so its
 * renderers get the window's V8 flags (electron/common/window-v8.ts; FLOTILLA_SPARKPLUG=1 leaves them out, to compare).
 */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = chromiumPath();
  const jsFlags = withWindowJsFlags('', process.env);
  return chromium.launch({
    headless: true,
    args: [...chromiumArgs, ...(jsFlags ? [`--js-flags=${jsFlags}`] : []), ...extraArgs],
    ...(executablePath ? { executablePath } : {}),
  });
}

/**
 * Runs in the page before its own scripts: records requestAnimationFrame deltas and long tasks
 * between `__bench.start()` and `__bench.stop()`. A string, so no compiler helper leaks into it.
 */
export const frameProbe = `(() => {
  const bench = { frames: [], longTasks: [], recording: false, last: 0 };
  const tick = (time) => {
    if (bench.recording && bench.last > 0) bench.frames.push(time - bench.last);
    bench.last = time;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      if (bench.recording) for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  } catch {}
  bench.start = () => { bench.frames = []; bench.longTasks = []; bench.last = 0; bench.recording = true; };
  bench.stop = () => { bench.recording = false; return { frames: bench.frames, longTasks: bench.longTasks }; };
  window.__bench = bench;
})();`;

/** What the frame probe collected. */
export interface FrameSamples {
  frames: number[];
  longTasks: number[];
}

/** The value below which `share` (0–1) of the sorted values fall. */
export function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
}

/** The middle value. */
export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** The page's JS heap after a garbage collection, and its DOM size, from the DevTools protocol. */
export async function pageMemory(page: Page): Promise<{ heapUsedMb: number; heapTotalMb: number; domNodes: number }> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? NaN;
    return {
      heapUsedMb: metric('JSHeapUsedSize') / 2 ** 20,
      heapTotalMb: metric('JSHeapTotalSize') / 2 ** 20,
      domNodes: metric('Nodes'),
    };
  } finally {
    await session.detach();
  }
}

/** Opens a served engine's page (its printed address) and waits until it is connected. */
export async function openServedPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-testid="connection-state"][data-state="open"]').waitFor({ timeout: 30_000 });
}

/**
 * In the page: clicks `clickSelector`, then checks every frame until `doneExpression` (a JS
 * expression) is true, and resolves with the milliseconds from the click to the frame after that.
 */
export function timeInPage(
  page: Page,
  clickSelector: string,
  doneExpression: string,
  timeoutMs = 60_000,
): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const target = document.querySelector(${JSON.stringify(clickSelector)});
    if (!target) return reject(new Error('nothing matches ${clickSelector.replace(/'/g, "\\'")}'));
    const started = performance.now();
    const check = () => {
      if (performance.now() - started > ${timeoutMs}) return reject(new Error('timed out waiting for: ${doneExpression.replace(/'/g, "\\'")}'));
      if (${doneExpression}) return requestAnimationFrame(() => resolve(performance.now() - started));
      requestAnimationFrame(check);
    };
    target.click();
    requestAnimationFrame(check);
  })`);
}

/**
 * Polls the page from here until `probe` returns something other than undefined, and returns it.
 * Not page.waitForFunction: given a string it takes it as an expression (a function text is then a
 * truthy value, so it returns at once), and in-page polling of code is refused by the page's CSP.
 */
export async function pollPage<T, A extends string | number | boolean | null>(
  page: Page,
  probe: (arg: A) => T | undefined,
  arg: A,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // The probe runs in the page with `arg` passed in: closures do not travel.
    const value = (await page.evaluate(probe as (arg: unknown) => T | undefined, arg)) as T | undefined;
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
