import { expect, test } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { openTask, taskRow } from './support/ui.js';

// Two clients on one engine: what a second client (the CLI, another window) changes shows in the
// open window within a second, with no reload: repositories, tasks and their threads, settings.
const flotilla = useFlotilla();
test.describe.configure({ mode: 'serial' });
const soon = { timeout: 1_000 };

test('a repository and a task another client adds show up in the open window, the thread live', async ({
  page,
}, testInfo) => {
  await flotilla.open(page);
  await expect(page.getByRole('region', { name: 'Welcome' })).toBeVisible();
  const api = await flotilla.api();
  const repo = flotilla.createRepo('shared-shop', { 'README.md': '# shop\n' });

  await api.call('repo/add', { path: repo.path });
  await expect(page.getByTestId('repo-heading')).toContainText('shared-shop', soon);
  await expect(page.getByRole('region', { name: 'Welcome' })).toHaveCount(0, soon);

  const { repos } = await api.call('repo/list', {});
  const { tasks } = await api.call('task/create', {
    repoId: repos[0]!.id,
    prompt: 'Tidy the readme\nsay started on the readme\nsleep 1500\nsay finished the readme',
  });
  const taskId = tasks[0]!.id;
  await expect(taskRow(page, taskId)).toBeVisible(soon);
  await openTask(page, taskId);
  // The agent's replies (not the prompt, which names them too) arrive while the window watches.
  const replies = page.getByTestId('thread').locator('.assistant-message');
  await expect(replies.filter({ hasText: 'started on the readme' })).toHaveCount(1, { timeout: 5_000 });
  await expect(replies.filter({ hasText: 'finished the readme' })).toHaveCount(0);
  await expect(replies.filter({ hasText: 'finished the readme' })).toHaveCount(1, { timeout: 10_000 });
  await expect(taskRow(page, taskId)).toHaveAttribute('data-status', 'done', { timeout: 10_000 });
  await saveScreenshot(page, testInfo, 'live-changes-task-from-another-client');
});

test('a repository another client removes leaves the open window’s sidebar', async ({ page }) => {
  const api = await flotilla.api();
  const repo = flotilla.createRepo('short-lived', { 'README.md': '# brief\n' });
  await flotilla.open(page);
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  const heading = page.getByTestId('repo-heading').filter({ hasText: 'short-lived' });
  await expect(heading).toHaveCount(1, soon);

  await api.call('repo/remove', { repoId: added.id });
  await expect(heading).toHaveCount(0, soon);
  await expect(page.getByTestId('repo-heading').filter({ hasText: 'shared-shop' })).toHaveCount(1);
});

test('a setting another client changes shows in the open Settings view', async ({ page }, testInfo) => {
  const api = await flotilla.api();
  await flotilla.open(page);
  await page.getByTestId('nav-settings').click();
  const concurrency = page.getByTestId('settings-concurrency');
  const before = Number(await concurrency.inputValue());
  const next = before === 7 ? 5 : 7;

  await api.call('settings/update', { concurrency: next });
  await expect(concurrency).toHaveValue(String(next), soon);
  await saveScreenshot(page, testInfo, 'live-changes-settings');
});
