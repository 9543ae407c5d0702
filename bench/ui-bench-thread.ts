import { readFileSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { homePaths } from '../engine/home.js';
import { threadLogPath } from '../engine/store/task-index.js';
import type { GeneratedThread } from './generate-threads.js';
import { engineHeapMb } from './engine-heap.js';
import { median, openServedPage, timeInPage } from './ui-bench-browser.js';
import { withPage, withSeededEngine, type LoadingOptions } from './ui-bench-loading.js';
import type { BenchFigure } from './worktree-bench.js';

/** Resident memory of a process in MB, now (VmRSS) or at its peak (VmHWM); Linux only, NaN elsewhere. */
function residentMb(pid: number, which: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const match = new RegExp(`${which}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** In the page: scrolls the thread to the top and resolves with the ms until the earlier page is in the list. */
function timeEarlierPage(page: Page, timeoutMs = 30_000): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const scroller = document.querySelector('[data-testid="thread"]');
    const canvas = scroller && scroller.querySelector('.thread-canvas');
    if (!canvas) return reject(new Error('no thread on screen'));
    const height = canvas.getBoundingClientRect().height;
    const started = performance.now();
    scroller.scrollTop = 0;
    const check = () => {
      if (performance.now() - started > ${timeoutMs}) return reject(new Error('no earlier page arrived'));
      if (canvas.getBoundingClientRect().height > height) return requestAnimationFrame(() => resolve(performance.now() - started));
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`);
}

/**
 * Time from clicking a stored thread of `events` events in the sidebar to its last message on screen (the window loads
 * its last page first), the time to page back on scrolling to the top, and the engine's memory for the closed thread.
 */
export async function runThreadOpenBench(options: LoadingOptions & { events: number }): Promise<BenchFigure[]> {
  const marker = `This is the end of the ${options.events}-event thread.`;
  const thread: GeneratedThread = {
    taskId: 'benchlongthread',
    title: `A thread of ${options.events} events`,
    events: options.events,
    status: 'done',
    lastMessage: marker,
  };
  return withSeededEngine([thread], { NODE_OPTIONS: '--inspect=127.0.0.1:0' }, async (engine) => {
    const logMb = statSync(threadLogPath(homePaths(engine.home).threads, thread.taskId)).size / 2 ** 20;
    const started = performance.now();
    const { events } = await engine.api.call('task/eventPage', { taskId: thread.taskId });
    const engineMs = performance.now() - started;
    let heapBefore = Number.NaN;
    let heapAfter = Number.NaN;
    const rssBefore = residentMb(engine.serve.pid);
    const pages: number[] = [];
    const times = await withPage(options.browser, async (page) => {
      const measured: number[] = [];
      for (let run = 0; run < options.runs; run += 1) {
        await openServedPage(page, engine.serve.url);
        // With the window connected, so the figure is the thread's alone.
        if (run === 0) heapBefore = await engineHeapMb(engine.serve.output());
        const row = `[data-testid="task-row"][data-task-id="${thread.taskId}"]`;
        await page.waitForSelector(row);
        const done = `(document.querySelector('[data-testid="thread"]')?.textContent ?? '').includes(${JSON.stringify(marker)}) && !document.querySelector('.tab-note')`;
        measured.push(await timeInPage(page, row, done));
        // Let the following settle, then page back three times as a reader scrolling up would.
        await page.waitForTimeout(300);
        for (let back = 0; back < 3; back += 1) pages.push(await timeEarlierPage(page));
      }
      heapAfter = await engineHeapMb(engine.serve.output());
      return measured;
    });
    const peakRss = residentMb(engine.serve.pid, 'VmHWM');
    options.log(
      `  thread open: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms; pages back: ${pages.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
    options.log(
      `  engine: RSS ${rssBefore.toFixed(1)} MB before, peak ${peakRss.toFixed(1)} MB; heap after GC ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB`,
    );
    const value = median(times);
    const held = heapAfter - heapBefore;
    // Parsed, a page weighs about one and a half times its JSON (measured with node --expose-gc).
    const pageMb = (logMb / options.events) * events.length * 1.5;
    return [
      {
        name: `open a ${options.events.toLocaleString('en-US')}-event thread (${logMb.toFixed(0)} MB), first items shown`,
        value,
        unit: 'ms',
        target: '≤ 1000 ms',
        met: value <= 1_000,
      },
      {
        name: `  of which the engine reading its last page (${events.length} events)`,
        value: engineMs,
        unit: 'ms',
        target: null,
        met: null,
      },
      {
        name: '  scroll to the top: the earlier page in place',
        value: median(pages),
        unit: 'ms',
        target: null,
        met: null,
      },
      {
        name: `  engine heap held for the closed thread after ${pages.length} pages back (after GC)`,
        value: held,
        unit: 'MB',
        target: `≤ one page (${events.length} events ≈ ${pageMb.toFixed(1)} MB parsed)`,
        met: held <= pageMb,
      },
      {
        name: '  engine peak RSS above idle while the window read it',
        value: peakRss - rssBefore,
        unit: 'MB',
        target: `< the log (${logMb.toFixed(0)} MB)`,
        met: peakRss - rssBefore < logMb,
      },
    ];
  });
}
