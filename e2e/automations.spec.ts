import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { waitForStatus } from './support/ui.js';

const flotilla = useFlotilla();
const shots = '/tmp/shots';

/** A screenshot at the window's width now and at 800 px, then back. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${shots}/automations-${name}-1280.png` });
  await page.setViewportSize({ width: 800, height: 800 });
  await page.screenshot({ path: `${shots}/automations-${name}-800.png` });
  await page.setViewportSize(size);
}

test('a commit automation made in the form reviews a plain git commit, lands in the inbox, opens read, and merges', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const repo = flotilla.createRepo('app', { 'README.md': '# app\n' });
  const api = await flotilla.api();
  await api.call('repo/add', { path: repo.path });
  await page.setViewportSize({ width: 1280, height: 800 });
  await flotilla.open(page);

  await page.getByTestId('nav-automations').click();
  await expect(page.getByTestId('automations-empty')).toBeVisible();
  await page.getByTestId('automation-new').click();
  const form = page.getByTestId('automation-form');
  await form.getByLabel('Name', { exact: true }).fill('review');
  // A schedule shows when it would fire next, as it is typed.
  await form.getByLabel('Trigger', { exact: true }).selectOption('schedule');
  await form.getByLabel('Cron expression').fill('30 6 * * 1-5');
  await expect(form.getByTestId('automation-next-runs')).toContainText('Next: ');
  await expect(form.getByRole('button', { name: 'Insert {{schedule.due}}' })).toBeVisible();
  await shoot(page, 'form-schedule');
  await form.getByLabel('Trigger', { exact: true }).selectOption('commit');
  await form.getByLabel('Branch to watch').fill('main');
  // A variable the commit trigger lacks: the engine refuses, in its words, and the form keeps what was typed.
  await form.getByTestId('automation-prompt').fill('write review.txt Reviewed {{commit.short}} by {{task.title}}');
  await form.getByTestId('automation-save').click();
  await expect(form.getByTestId('automation-form-error')).toContainText(
    'The prompt uses {{task.title}}, which a commit trigger does not have.',
  );
  await shoot(page, 'form-refused');
  await form.getByTestId('automation-prompt').fill('write review.txt Reviewed ');
  await form.getByRole('button', { name: 'Insert {{commit.short}}' }).click();
  await expect(form.getByTestId('automation-prompt')).toHaveValue('write review.txt Reviewed {{commit.short}}');
  await form.getByTestId('automation-save').click();

  const detail = page.getByTestId('automation-detail');
  await expect(detail.getByRole('heading', { name: 'review' })).toBeVisible();
  await expect(detail.getByTestId('automation-trigger-text')).toHaveText('Each new tip of main');
  await expect(detail.getByTestId('runs-empty')).toBeVisible();
  const row = page.getByTestId('automation-row');
  await expect(row).toContainText('Each new tip of main');
  await expect(row).toContainText('not run yet');

  // The user commits in their own checkout, from a terminal.
  writeFileSync(join(repo.path, 'login.js'), 'export const login = () => true;\n');
  repo.git(['add', 'login.js']);
  repo.git(['commit', '-q', '-m', 'Add the login page']);
  const short = repo.git(['rev-parse', '--short=7', 'HEAD']);

  const run = detail.getByTestId('automation-run');
  await expect(run).toHaveCount(1, { timeout: 30_000 });
  await expect(run.getByTestId('run-reason')).toContainText(`${short} on main: Add the login page`);
  const taskButton = run.getByTestId('run-task');
  await expect(taskButton).toHaveCount(1);
  const taskId = await taskButton.getAttribute('data-task-id');
  if (!taskId) throw new Error('The run shows no task.');
  await waitForStatus(page, taskId, 'done');
  await expect(page.getByTestId('nav-inbox-count')).toHaveText('1');
  await expect(run.getByTestId('run-state')).toHaveText('1 file changed: 1 line added, 0 removed');
  await expect(row).toContainText('last run');
  await saveScreenshot(page, testInfo, 'automations-page');
  await shoot(page, 'page');

  // The inbox: one unread run, saying why it fired and what came of it.
  await page.getByTestId('nav-inbox').click();
  const item = page.getByTestId('inbox-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-inbox', 'unread');
  await expect(item.getByTestId('inbox-name')).toHaveText('review');
  await expect(item.getByTestId('inbox-reason')).toContainText(`${short} on main: Add the login page`);
  await expect(item.getByTestId('inbox-outcome')).toHaveText('1 file changed: 1 line added, 0 removed');
  await expect(item.getByTestId('task-status')).toHaveText('Done');
  await shoot(page, 'inbox-unread');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${shots}/automations-inbox-unread-dark-1280.png` });
  await page.emulateMedia({ colorScheme: 'light' });

  // Opening it opens the task's thread, labelled with its automation, and marks it read.
  await item.getByTestId('inbox-open').click();
  const header = page.getByTestId('thread-header');
  await expect(header.getByTestId('task-automation')).toHaveText('by review');
  await expect(header.getByTestId('task-automation')).toHaveAttribute('title', /Add the login page/);
  await expect(page.getByTestId('nav-inbox-count')).toHaveCount(0);
  await expect(page.getByTestId('message-sender').first()).toHaveText('Automation review');
  await expect(header.getByTestId('inbox-bar')).toHaveAttribute('data-inbox', 'read');
  await expect(page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`)).toContainText('by review');
  expect((await api.call('inbox/list', {})).unread).toBe(0);
  await shoot(page, 'thread');

  // Merge from the inbox, through the review's merge dialog.
  await page.getByTestId('nav-inbox').click();
  await expect(item).toHaveAttribute('data-inbox', 'read');
  await item.getByTestId('inbox-merge').click();
  const dialog = page.getByTestId('merge-dialog');
  await dialog.getByRole('button', { name: 'Merge into main' }).click();
  await expect(dialog.getByTestId('merge-result')).toContainText('Merged into main as');
  await dialog.getByRole('button', { name: 'Close the merge dialog' }).click();
  await expect(item.getByTestId('task-status')).toHaveText('Merged');
  expect(repo.git(['show', `main:review.txt`])).toBe(`Reviewed ${short}`);
  await shoot(page, 'inbox-merged');

  // Flotilla's own merge onto main fires nothing: the automation still has its one run.
  await page.getByTestId('nav-automations').click();
  await expect(page.getByTestId('automation-run')).toHaveCount(1);
  expect((await api.call('automation/runs', {})).runs).toHaveLength(1);
});

test('a webhook automation shows its address and secret; a signed POST starts a run, a wrong secret does not', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const repo = flotilla.createRepo('hooks', { 'README.md': '# hooks\n' });
  const api = await flotilla.api();
  await api.call('repo/add', { path: repo.path });
  await page.setViewportSize({ width: 1280, height: 800 });
  await flotilla.open(page);

  await page.getByTestId('nav-automations').click();
  await page.getByTestId('automation-new').click();
  const form = page.getByTestId('automation-form');
  await form.getByLabel('Repository').selectOption({ label: 'hooks' });
  await form.getByLabel('Name', { exact: true }).fill('triage');
  await form.getByLabel('Trigger', { exact: true }).selectOption('webhook');
  await form.getByTestId('automation-prompt').fill('write triage.txt {{event.title}}');
  await form.getByTestId('automation-save').click();

  const detail = page.getByTestId('automation-detail');
  await expect(detail.getByRole('heading', { name: 'triage' })).toBeVisible();
  const url = (await detail.getByTestId('automation-webhook-url').textContent()) ?? '';
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/\w+$/);
  await detail.getByRole('button', { name: 'Show' }).click();
  const secret = (await detail.getByTestId('automation-webhook-secret').textContent()) ?? '';
  expect(secret.length).toBeGreaterThan(10);
  await shoot(page, 'webhook');

  const post = (key: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-flotilla-secret': key },
      body: JSON.stringify({ title: 'Login fails on Safari', body: 'Steps: open /login' }),
    });
  expect((await post('wrong')).status).toBe(401);
  expect((await post(secret)).status).toBe(202);
  const run = detail.getByTestId('automation-run');
  await expect(run).toHaveCount(1);
  await expect(run.getByTestId('run-reason')).toHaveText('webhook: Login fails on Safari');
  await expect(run.getByTestId('run-task')).toContainText('write triage.txt Login fails on Safari');
});
