import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { editFile, replyText, replyToolCalls, writeFile } from '../testing/model-server/scenario-steps.js';
import type { TempRepo } from '../testing/engine/temp-repo.js';
import { scriptedModel, useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { dispatchTask, openReview, openTask, taskRow, waitForStatus } from './support/ui.js';

// One user's session, in order: three tasks at once; stop one; review, revise and merge another;
// discard and restore the third; reload and find everything as it was.
const flotilla = useFlotilla();
test.describe.configure({ mode: 'serial' });

const ids = { greeting: '', notes: '', billing: '' };
let repo: TempRepo;
const comment = 'Greet the whole world: make it "Hello, world".';

/** A scripted prompt that talks every half second for `seconds`, after writing a file. */
function slowPrompt(title: string, file: string, seconds: number): string {
  const steps = [title, `write ${file} ${title}, started by the scripted agent\\n`];
  for (let second = 0; second < seconds * 2; second += 1)
    steps.push(`say Step ${second + 1} of ${title.toLowerCase()}.`, 'sleep 500');
  return steps.join('\n');
}

/** The activity line of every running task's overview card, by task id, read in one go. */
function runningActivity(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const cards = document.querySelectorAll<HTMLElement>('[data-testid="overview-card"][data-status="running"]');
    return Object.fromEntries(
      [...cards].map((card) => [
        card.dataset.taskId ?? '',
        card.querySelector('[data-testid="overview-activity"]')?.textContent ?? '',
      ]),
    );
  });
}

function overviewCard(page: Page, taskId: string) {
  return page.locator(`[data-testid="overview-card"][data-task-id="${taskId}"]`);
}

test('three tasks dispatched at once stream side by side in the overview', async ({ page }, testInfo) => {
  repo = flotilla.createRepo('app', { 'README.md': '# app\n', 'src/index.ts': 'export {};\n' });
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  // The built-in agent's model: a slow first reply that writes a file, then a short summary.
  flotilla.model.script([
    replyToolCalls([writeFile('src/greeting.ts', 'export const greeting = "Hello";\n')], {
      text: 'I will add a greeting module to the app, then show you the diff. '.repeat(4),
      delayMs: 80,
      chunkSize: 4,
    }),
    replyText('Added src/greeting.ts. Review it and tell me what to change.', { delayMs: 40 }),
  ]);
  await flotilla.open(page);
  ids.billing = await dispatchTask(page, {
    prompt: slowPrompt('Refactor the billing module', 'billing.txt', 60),
    agent: 'scripted',
  });
  ids.notes = await dispatchTask(page, {
    prompt: slowPrompt('Write the release notes', 'notes/release.md', 20),
    agent: 'scripted',
  });
  ids.greeting = await dispatchTask(page, { prompt: 'Add a greeting module', agent: 'builtin', model: scriptedModel });

  await page.getByTestId('nav-overview').click();
  const cards = [ids.billing, ids.notes, ids.greeting].map((id) => overviewCard(page, id));
  for (const card of cards) await expect(card).toHaveAttribute('data-status', 'running');
  await expect(page.getByRole('region', { name: 'Overview' })).toContainText('3 active');

  // Watch the three activity lines for a few seconds: each keeps changing while its task runs.
  const watched = [ids.billing, ids.notes, ids.greeting];
  const seen = watched.map(() => new Set<string>());
  for (let sample = 0; sample < 20; sample += 1) {
    const running = await runningActivity(page);
    watched.forEach((id, index) => {
      const activity = running[id];
      if (activity !== undefined) seen[index]!.add(activity);
    });
    await page.waitForTimeout(150);
  }
  for (const texts of seen) expect(texts.size).toBeGreaterThanOrEqual(3);
  await saveScreenshot(page, testInfo, 'overview');
});

test('stopping a task mid-run ends it at once and keeps what it did', async ({ page }) => {
  await flotilla.open(page);
  await openTask(page, ids.billing);
  await expect(taskRow(page, ids.billing)).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('thread')).toContainText('of refactor the billing module.');
  await page.getByRole('button', { name: 'Stop the task' }).click();
  await waitForStatus(page, ids.billing, 'stopped', 10_000);
  await expect(page.getByTestId('thread-header').getByTestId('task-status')).toHaveText('Stopped');
  await expect(page.getByRole('button', { name: 'Stop the task' })).toHaveCount(0);
  // Nothing more arrives after the stop.
  const api = await flotilla.api();
  const count = (await api.call('task/events', { taskId: ids.billing })).events.length;
  await page.waitForTimeout(1_500);
  expect((await api.call('task/events', { taskId: ids.billing })).events.length).toBe(count);
  const { task } = await api.call('task/get', { taskId: ids.billing });
  expect(readFileSync(join(task.worktreePath, 'billing.txt'), 'utf8')).toContain('Refactor the billing module');
});

test('a review comment sent with "Request changes" makes the agent revise, and the diff shows it', async ({
  page,
}, testInfo) => {
  await flotilla.open(page);
  await waitForStatus(page, ids.greeting, 'done');
  await openTask(page, ids.greeting);
  const review = await openReview(page);
  await expect(review.getByTestId('review-totals')).toContainText('1 file changed');
  // The sidebar row and the Review tab carry the same line counts as the diff.
  await expect(taskRow(page, ids.greeting).getByTestId('task-changes')).toContainText('+1 −0');
  await expect(page.getByTestId('tab-review-counts')).toHaveText('+1 −0');
  await expect(review.getByTestId('diff-file')).toContainText('src/greeting.ts');
  await expect(review.getByTestId('diff-viewer')).toContainText('export const greeting = "Hello";');

  // The agent's follow-up answer: edit the line the comment is on, then say so.
  flotilla.model.script([
    replyToolCalls([editFile('src/greeting.ts', '"Hello"', '"Hello, world"')], {
      text: 'Addressing your review comment.',
    }),
    replyText('Changed the greeting as you asked.'),
  ]);
  await review.getByRole('button', { name: 'Comment on src/greeting.ts line 1' }).click();
  await review.getByRole('textbox', { name: 'Comment text for src/greeting.ts line 1' }).fill(comment);
  await saveScreenshot(page, testInfo, 'review-comment-box');
  await review.getByRole('button', { name: 'Add the comment' }).click();
  await expect(review.getByTestId('review-comment')).toHaveText(new RegExp(escape(comment)));
  await saveScreenshot(page, testInfo, 'review-diff');

  await review.getByRole('button', { name: 'Request changes: send 1 comment to the agent' }).click();
  await expect(review.getByText('Comments sent to the agent.')).toBeVisible();
  // The model's next request carries the comment, the file and the line it is on.
  await expect
    .poll(
      () =>
        flotilla.model.requests.filter((request) => JSON.stringify(request.body).includes('Greet the whole world'))
          .length,
    )
    .toBeGreaterThan(0);
  const asked = JSON.stringify(
    flotilla.model.requests.find((request) => JSON.stringify(request.body).includes('Greet the whole world'))?.body,
  );
  expect(asked).toContain('src/greeting.ts:1');

  await page.getByRole('tab', { name: 'Thread' }).click();
  await expect(page.getByTestId('thread')).toContainText('Changed the greeting as you asked.');
  await waitForStatus(page, ids.greeting, 'done');
  await expect(page.getByTestId('thread')).toContainText('Please address this review comment');
  await saveScreenshot(page, testInfo, 'thread');

  const revised = await openReview(page);
  await expect(revised.getByTestId('diff-viewer')).toContainText('export const greeting = "Hello, world";');
  await expect(revised.getByTestId('diff-viewer')).not.toContainText('"Hello";');
  await expect(page.getByTestId('tab-review-counts')).toHaveText('+1 −0');
});

test('merging puts the change on the base branch and fast-forwards the clean checkout', async ({ page }, testInfo) => {
  const before = repo.git(['rev-parse', 'HEAD']);
  await flotilla.open(page);
  await openTask(page, ids.greeting);
  const review = await openReview(page);
  await review.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-preview')).toHaveText('Merges cleanly into main (1 file changed).');
  await expect(dialog.getByLabel('Commit message')).toHaveValue(/^Add a greeting module/);
  await saveScreenshot(page, testInfo, 'merge-dialog');
  await dialog.getByRole('button', { name: 'Merge into main' }).click();
  await expect(dialog.getByTestId('merge-result')).toContainText('Merged into main as');
  await waitForStatus(page, ids.greeting, 'merged');

  // The base branch has the change; the user's checkout (on main) followed it and stays clean.
  expect(repo.git(['show', 'main:src/greeting.ts'])).toBe('export const greeting = "Hello, world";');
  expect(repo.git(['status', '--porcelain'])).toBe('');
  expect(repo.git(['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('main');
  expect(repo.git(['rev-parse', 'HEAD'])).not.toBe(before);
  expect(repo.git(['merge-base', '--is-ancestor', before, 'HEAD'])).toBe('');
  expect(readFileSync(join(repo.path, 'src/greeting.ts'), 'utf8')).toBe('export const greeting = "Hello, world";\n');
  expect(repo.git(['log', '-1', '--format=%s', 'main'])).toBe('Add a greeting module');
  // The merged task's worktree is removed (the default); its branch keeps the work.
  const { task } = await (await flotilla.api()).call('task/get', { taskId: ids.greeting });
  await expect(dialog.getByTestId('merge-worktree-removed')).toContainText(
    `Its worktree ${task.worktreePath} was removed; the branch ${task.branch} keeps the work`,
  );
  expect(existsSync(task.worktreePath)).toBe(false);
  expect(repo.git(['show', `${task.branch}:src/greeting.ts`])).toBe('export const greeting = "Hello, world";');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(review.getByTestId('review-worktree-removed')).toBeVisible();
});

test('discarding a task archives its work, and restoring brings it back', async ({ page }) => {
  await flotilla.open(page);
  await waitForStatus(page, ids.notes, 'done');
  const api = await flotilla.api();
  const { task } = await api.call('task/get', { taskId: ids.notes });
  await openTask(page, ids.notes);
  const review = await openReview(page);
  await expect(review.getByTestId('diff-file')).toContainText('notes/release.md');
  await review.getByRole('button', { name: 'Discard…' }).click();
  const dialog = page.getByTestId('discard-dialog');
  await expect(dialog).toContainText(`refs/flotilla/archive/${ids.notes}`);
  await dialog.getByRole('button', { name: 'Discard the task' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(review.getByText('This task was discarded')).toBeVisible();
  expect(repo.git(['branch', '--list', task.branch])).toBe('');
  expect(repo.git(['rev-parse', '--verify', '--quiet', `refs/flotilla/archive/${ids.notes}`])).not.toBe('');

  await page.getByTestId('nav-overview').click();
  await page.getByRole('button', { name: 'Show discarded tasks' }).click();
  const discarded = page.getByTestId('discarded-list');
  await expect(discarded.getByTestId('discarded-task')).toHaveCount(1);
  await discarded.getByRole('button', { name: 'Restore Write the release notes' }).click();
  await waitForStatus(page, ids.notes, 'done');
  await expect(discarded.getByTestId('discarded-task')).toHaveCount(0);
  expect(repo.git(['branch', '--list', '--format=%(refname:short)', task.branch])).toBe(task.branch);
  expect(readFileSync(join(task.worktreePath, 'notes/release.md'), 'utf8')).toContain('Write the release notes');
});

test('after a reload everything is as it was', async ({ page }) => {
  await flotilla.open(page);
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
  await expect(taskRow(page, ids.greeting)).toHaveAttribute('data-status', 'merged');
  await expect(taskRow(page, ids.notes)).toHaveAttribute('data-status', 'done');
  await expect(taskRow(page, ids.billing)).toHaveAttribute('data-status', 'stopped');

  await openTask(page, ids.greeting);
  await expect(page.getByTestId('thread')).toContainText('Changed the greeting as you asked.');
  await expect(page.getByTestId('thread')).toContainText('Removed the worktree');
  await expect(page.getByTestId('thread')).toContainText('Please address this review comment');
  await openTask(page, ids.notes);
  const review = await openReview(page);
  await expect(review.getByTestId('diff-file')).toContainText('notes/release.md');
  await openTask(page, ids.billing);
  await page.getByRole('tab', { name: 'Thread' }).click();
  await expect(page.getByTestId('thread-header').getByTestId('task-status')).toHaveText('Stopped');
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
