import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { waitForStatus } from './support/ui.js';

// A task with a dollar budget: the agent is stopped when it is reached, the header says so, a
// follow-up is refused with what to do, and raising the budget lets the agent go on.
const flotilla = useFlotilla();

test('a task stopped at its budget goes on once the user raises it', async ({ page }, testInfo) => {
  const repo = flotilla.createRepo('shop', { 'README.md': '# shop\n' });
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  await flotilla.open(page);

  await page.getByTestId('new-task-button').click();
  const composer = page.getByTestId('composer');
  await composer.getByLabel('Task prompt').fill('Price the catalogue\nspend 5000 1.25\nwrite never.txt over budget');
  await composer.getByLabel('Agent', { exact: true }).selectOption('scripted');
  await composer.getByLabel('Cost budget per task in dollars').fill('1');
  await composer.getByTestId('composer-dispatch').click();
  const row = page.locator('[data-testid="task-row"][aria-current="page"]');
  const taskId = (await row.getAttribute('data-task-id')) ?? '';
  await waitForStatus(page, taskId, 'done');

  const header = page.getByTestId('thread-header');
  await expect(header.getByTestId('task-budget-text')).toHaveText('$1.25 of $1');
  await expect(header.getByTestId('budget-reached')).toBeVisible();
  await expect(row.getByTestId('task-budget-reached')).toHaveText('budget reached');
  await expect(page.getByTestId('turn-ended')).toHaveText(
    'Stopped at the cost budget ($1.25 of $1 spent). Raise or remove the budget to let the agent go on.',
  );
  await expect(page.getByTestId('turn-usage').first()).toContainText('Turn 1 · 5.0k tokens · $1.25 · ');
  const task = (await (await flotilla.api()).call('task/get', { taskId })).task;
  expect(existsSync(join(task.worktreePath, 'never.txt'))).toBe(false);

  await page.getByTestId('follow-up-input').fill('write after.txt raised');
  await page.getByTestId('follow-up-send').click();
  await expect(page.getByTestId('follow-up-error')).toContainText(
    'This task has reached the cost budget ($1.25 of $1 spent). Raise or remove its budget',
  );
  // The refused message is still there to send again.
  await expect(page.getByTestId('follow-up-input')).toHaveValue('write after.txt raised');
  await saveScreenshot(page, testInfo, 'budget-reached');

  await header.getByRole('button', { name: 'Raise…' }).click();
  const editor = page.getByTestId('budget-editor');
  await editor.getByLabel('Cost budget in dollars').fill('zero');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByTestId('budget-error')).toContainText('Give the dollar budget as an amount above 0');
  await editor.getByLabel('Cost budget in dollars').fill('5');
  await saveScreenshot(page, testInfo, 'budget-editor');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toHaveCount(0);
  await expect(header.getByTestId('task-budget-text')).toHaveText('$1.25 of $5');
  await expect(header.getByTestId('budget-reached')).toHaveCount(0);
  await expect(row.getByTestId('task-budget-reached')).toHaveCount(0);
  await expect(page.getByTestId('thread')).toContainText('Budget set: $5');

  await page.getByTestId('follow-up-send').click();
  await expect(page.getByTestId('follow-up-input')).toHaveValue('');
  await expect.poll(() => existsSync(join(task.worktreePath, 'after.txt'))).toBe(true);
  await waitForStatus(page, taskId, 'done');
});
