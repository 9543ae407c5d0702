import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTempRepo, makeTempDir, type TempRepo } from '../testing/engine/temp-repo.js';
import { generateThreads, type GeneratedThread } from './generate-threads.js';
import { median, openServedPage, pollPage, timeInPage } from './ui-bench-browser.js';
import { startBenchEngine, waitForStatuses, withTempRoot, type BenchEngine } from './ui-bench-engine.js';
import type { BenchFigure } from './worktree-bench.js';

/** What the loading scenarios share. */
export interface LoadingOptions {
  browser: Browser;
  /** Measurements per figure; the median is reported. */
  runs: number;
  log(line: string): void;
}

const viewport = { width: 1440, height: 900 };

/**
 * Seeds a home with generated threads for a fresh repository, the first `worktrees` of them with a real git worktree
 * each (in the home's worktrees folder, on the task's branch), starts the engine, runs `work`.
 */
export async function withSeededEngine<T>(
  threads: readonly GeneratedThread[],
  env: Record<string, string>,
  work: (engine: BenchEngine, repo: TempRepo) => Promise<T>,
  worktrees = 0,
): Promise<T> {
  return withTempRoot(
    () => makeTempDir('flotilla-ui-bench-'),
    async (root) => {
      const repo = createTempRepo({ 'README.md': '# bench\n' }, root, 'repo');
      const home = join(root, 'home');
      const seeded = threads.map((thread, index) => {
        if (index >= worktrees) return thread;
        const worktreePath = join(home, 'worktrees', thread.taskId);
        repo.git(['worktree', 'add', '--quiet', '-b', `flotilla/bench-${thread.taskId}`, worktreePath]);
        return { ...thread, worktreePath };
      });
      generateThreads({ home, repoPath: repo.path, baseCommit: repo.git(['rev-parse', 'HEAD']) }, seeded);
      const engine = await startBenchEngine(root, { FLOTILLA_DEFAULT_AGENT: 'scripted', ...env });
      try {
        return await work(engine, repo);
      } finally {
        await engine.close();
      }
    },
  );
}

/** Runs `work` on a fresh page of the bench's viewport, closed afterwards. */
export async function withPage<T>(browser: Browser, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.newPage({ viewport });
  try {
    return await work(page);
  } finally {
    await page.close();
  }
}

/** Time from clicking the Review tab to the first lines of a diff of `files` files × `lines` changed lines. */
export async function runDiffBench(
  options: LoadingOptions & { files: number; linesPerFile: number },
): Promise<BenchFigure[]> {
  return withTempRoot(
    () => makeTempDir('flotilla-ui-bench-'),
    async (root) => {
      const half = options.linesPerFile / 2;
      const fileName = (index: number) => `src/module-${String(index).padStart(3, '0')}.ts`;
      const original: Record<string, string> = {};
      for (let index = 0; index < options.files; index += 1)
        original[fileName(index)] = numberedLines(`export const before${index}_`, half);
      const repo = createTempRepo(original, root, 'repo');
      const engine = await startBenchEngine(root, { FLOTILLA_DEFAULT_AGENT: 'scripted' });
      try {
        const { repo: added } = await engine.api.call('repo/add', { path: repo.path });
        const { tasks } = await engine.api.call('task/create', {
          repoId: added.id,
          prompt: 'Rewrite every module\nsay ready',
          agent: 'scripted',
        });
        const task = tasks[0]!;
        await waitForStatuses(engine.api, [task.id], ['done']);
        // Every line of every file replaced: half the diff removed lines, half added ones.
        for (let index = 0; index < options.files; index += 1)
          writeFileSync(join(task.worktreePath, fileName(index)), numberedLines(`export const after${index}_`, half));
        const started = performance.now();
        const { diff } = await engine.api.call('task/diff', { taskId: task.id });
        const engineMs = performance.now() - started;
        const diffLines = diff.additions + diff.deletions;
        const firstPath = fileName(0);
        const times = await withPage(options.browser, async (page) => {
          const measured: number[] = [];
          for (let run = 0; run < options.runs; run += 1) {
            await openServedPage(page, engine.serve.url);
            await page.click(`[data-testid="task-row"][data-task-id="${task.id}"]`);
            await page.waitForSelector('[data-testid="tab-review"]');
            const done = `Boolean(document.querySelector('[data-testid="diff-file"][data-path="${firstPath}"]')) && Boolean(document.querySelector('[data-testid="diff-line"][data-path="${firstPath}"]'))`;
            measured.push(await timeInPage(page, '[data-testid="tab-review"]', done));
          }
          return measured;
        });
        options.log(`  diff first paint: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms`);
        const value = median(times);
        return [
          {
            name: `first paint of a ${diffLines}-line diff over ${diff.files.length} files`,
            value,
            unit: 'ms',
            target: '< 400 ms',
            met: value < 400,
          },
          { name: '  of which the engine computing the diff', value: engineMs, unit: 'ms', target: null, met: null },
        ];
      } finally {
        await engine.close();
      }
    },
  );
}

/**
 * Engine start and window start-up (navigation to every task listed) with `threads` stored tasks, `worktrees` of them
 * with their worktree still on disk (issue "Speed and scale", item 3).
 */
export async function runStartupBench(
  options: LoadingOptions & { threads: number; worktrees: number },
): Promise<BenchFigure[]> {
  const statuses: GeneratedThread['status'][] = ['done', 'done', 'stopped', 'failed'];
  const threads = Array.from({ length: options.threads }, (_, index): GeneratedThread => ({
    taskId: `stored${String(index).padStart(4, '0')}`,
    title: `Stored task ${index + 1}: tidy module ${index % 37}`,
    events: 40,
    status: statuses[index % statuses.length]!,
    lastMessage: `Finished stored task ${index + 1}.`,
  }));
  return withSeededEngine(
    threads,
    {},
    async (engine) => {
      const times = await withPage(options.browser, async (page) => {
        // Notes, in the page's own clock (ms since navigation), when the list shows its first rows and counts every
        // stored task (past a few dozen rows the sidebar is windowed: only the rows in view are in the page).
        await page.addInitScript(`(() => {
          const check = () => {
            const count = document.querySelector('[data-testid="repo-heading"] .repo-count');
            if (count?.textContent === '${options.threads}' && document.querySelector('[data-testid="task-row"]')) window.__listedAt = performance.now();
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        })();`);
        const measured: number[] = [];
        for (let run = 0; run < options.runs; run += 1) {
          await openServedPage(page, engine.serve.url);
          // In the page's clock (set by the init script above), so polling from here adds nothing to it.
          measured.push(
            await pollPage(
              page,
              () => (window as unknown as { __listedAt?: number }).__listedAt,
              null,
              'the page to list every stored task',
            ),
          );
        }
        return measured;
      });
      options.log(
        `  start-up: engine ${engine.serve.startMs.toFixed(0)} ms; page ${times.map((ms) => ms.toFixed(0)).join(', ')} ms`,
      );
      const value = median(times);
      return [
        {
          name: `window start-up, ${options.threads} tasks (${options.worktrees} worktrees) listed`,
          value,
          unit: 'ms',
          target: '≤ 1500 ms',
          met: value <= 1_500,
        },
        {
          name: `engine start-up (spawn to serving), ${options.threads} threads`,
          value: engine.serve.startMs,
          unit: 'ms',
          target: null,
          met: null,
        },
      ];
    },
    options.worktrees,
  );
}

function numberedLines(prefix: string, count: number): string {
  return Array.from({ length: count }, (_, line) => `${prefix}${line} = ${line * 7};\n`).join('');
}
