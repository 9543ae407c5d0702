import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { dispatchTask, waitForStatus } from './support/ui.js';

// A follow-up sent while the agent works waits at the end of the thread, says so, and can be taken back.
const flotilla = useFlotilla();

/** Each thread item's kind, with a user message's text and how it was delivered. */
function threadItems(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="thread-item"]')].map((item) => {
      const message = item.querySelector<HTMLElement>('[data-testid="user-message"]');
      return message
        ? `user ${message.dataset.delivery}: ${message.querySelector('.message-text')?.textContent ?? ''}`
        : (item.dataset.kind ?? '');
    }),
  );
}

async function sendFollowUp(page: Page, text: string): Promise<void> {
  await page.getByLabel('Follow-up message').fill(text);
  await page.getByTestId('follow-up-send').click();
  await expect(page.getByLabel('Follow-up message')).toHaveValue('');
}

test('a follow-up sent during a turn is shown last as Queued, can be cancelled, and never runs', async ({
  page,
}, testInfo) => {
  const repo = flotilla.createRepo('app', { 'README.md': '# app\n' });
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  await flotilla.open(page);
  const prompt = [
    'Tidy the readme',
    'say Reading the readme.',
    'sleep 3000',
    'say Still tidying.',
    'sleep 2500',
    'write tidy.txt done',
  ].join('\n');
  const taskId = await dispatchTask(page, { prompt, agent: 'scripted' });
  const thread = page.getByTestId('thread');
  await expect(thread).toContainText('Reading the readme.');

  await sendFollowUp(page, 'write cancelled.txt never');
  await sendFollowUp(page, 'say The kept follow-up ran.');
  const queued = page.locator('[data-testid="user-message"][data-delivery="queued"]');
  await expect(queued).toHaveCount(2);
  await expect(queued.first().getByTestId('message-delivery')).toHaveText('Queued');
  // The agent's text keeps streaming above the queued messages, and the live line still says what it does.
  await expect(thread.locator('.assistant-message').last()).toContainText('Still tidying.');
  await expect(page.getByTestId('working-line')).not.toContainText('You:');
  expect((await threadItems(page)).slice(-3)).toEqual([
    'assistant',
    'user queued: write cancelled.txt never',
    'user queued: say The kept follow-up ran.',
  ]);
  await saveScreenshot(page, testInfo, 'queued-follow-up');

  await queued.first().getByRole('button', { name: 'Cancel this queued message' }).click();
  const cancelled = page.locator('[data-testid="user-message"][data-delivery="cancelled"]');
  await expect(cancelled).toHaveCount(1);
  await expect(cancelled.getByTestId('message-delivery')).toHaveText('Cancelled');
  await expect(cancelled.getByRole('button', { name: 'Cancel this queued message' })).toHaveCount(0);

  // The kept one moves into place when its turn starts, and its answer follows it.
  await expect(thread.locator('.assistant-message').last()).toContainText('The kept follow-up ran.', {
    timeout: 20_000,
  });
  await waitForStatus(page, taskId, 'done');
  const items = await threadItems(page);
  const kept = items.indexOf('user sent: say The kept follow-up ran.');
  expect(kept).toBeGreaterThan(items.indexOf('user cancelled: write cancelled.txt never'));
  expect(items.slice(kept + 1)).toContain('assistant');
  await expect(page.locator('[data-testid="user-message"][data-delivery="queued"]')).toHaveCount(0);

  const { task } = await (await flotilla.api()).call('task/get', { taskId });
  expect(task.turns).toBe(2);
  expect(existsSync(join(task.worktreePath, 'tidy.txt'))).toBe(true);
  expect(existsSync(join(task.worktreePath, 'cancelled.txt'))).toBe(false);
  await saveScreenshot(page, testInfo, 'queued-follow-up-after');
});
