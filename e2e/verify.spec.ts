import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { dispatchTask, openReview, taskRow, waitForStatus } from './support/ui.js';

// A repository whose test script fails until fixed.txt exists. Its failure output holds step lines for the scripted
// agent (`sleep`, `write`), so the retry message the checks send back makes the agent fix it, slowly enough to watch.
const checkScript = [
  'if [ -f fixed.txt ]; then echo "3 date tests passed"; exit 0; fi',
  'echo "FAIL dates.test.js: parse(\'2024-02-30\') should be null"',
  'echo "sleep 3000"',
  'echo "write fixed.txt parse checks the day of the month"',
  'exit 1',
].join('\n');

const flotilla = useFlotilla();
const shots = '/tmp/shots';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/verify-${name}.png` });
}

test('checks set in Settings send a failure back to the agent, pass on the retry, and hold back an unverified merge', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const repo = flotilla.createRepo('dates', {
    'package.json': `${JSON.stringify({ name: 'dates', version: '1.0.0', scripts: { test: 'sh check.sh' } }, null, 2)}\n`,
    'check.sh': `${checkScript}\n`,
  });
  const api = await flotilla.api();
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  await flotilla.open(page);

  // Settings: the repository suggests `npm test`; nothing is set until the user takes it and saves.
  await page.getByTestId('nav-settings').click();
  const card = page.getByTestId(`repo-settings-${added.id}`);
  const command = card.getByLabel('Verify command for dates');
  await expect(command).toHaveValue('');
  await expect(card.getByTestId(`repo-verify-suggestion-${added.id}`)).toContainText(
    'Suggested because package.json has a test script (sh check.sh).',
  );
  await card.getByTestId(`repo-checks-${added.id}`).scrollIntoViewIfNeeded();
  await shot(page, 'settings-suggested');
  await card.getByRole('button', { name: 'Use npm test' }).click();
  await expect(command).toHaveValue('npm test');
  await expect(card.getByLabel('Verify retries for dates')).toHaveValue('2');
  await expect(card.getByLabel('Require passing checks to merge in dates')).toBeChecked();
  await shot(page, 'settings');
  await card.getByTestId(`repo-save-${added.id}`).click();
  await expect(card.getByText('Saved.')).toBeVisible();
  expect((await api.call('repo/list', {})).repos[0]?.settings).toMatchObject({
    verifyCommand: 'npm test',
    verifyRetries: 2,
    requirePassingChecks: true,
  });

  // A task whose first turn fails the checks: the failure goes back, the retry fixes it, and it ends verified.
  const fixed = await dispatchTask(page, {
    prompt: 'Fix the date parsing\nwrite dates.js export const parse = (text) => new Date(text);',
    agent: 'scripted',
  });
  const row = taskRow(page, fixed);
  await expect(row.getByTestId('task-verify')).toHaveText('↻ Retry 1 of 2');
  const retry = page.getByTestId('verify-retry');
  await expect(retry).toHaveText('Verify failed, retry 1 of 2: the output went back to the agent.');
  await expect(page.getByTestId('message-sender')).toHaveText(['You', 'Flotilla’s checks, to the agent']);
  await waitForStatus(page, fixed, 'done');
  await expect(row.getByTestId('task-verify')).toHaveText('✓ Verified');
  await expect(page.getByTestId('thread-header').getByTestId('task-verify')).toHaveText('✓ Verified');
  const steps = page.getByTestId('verify-step');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toHaveAttribute('data-state', 'failed');
  await expect(steps.nth(0)).toContainText('exited 1');
  await expect(steps.nth(0).getByTestId('verify-tail')).toContainText("parse('2024-02-30') should be null");
  await expect(steps.nth(1)).toHaveAttribute('data-state', 'passed');
  await steps.nth(0).scrollIntoViewIfNeeded();
  await shot(page, 'thread-failure');
  await steps.nth(1).getByTestId('verify-step-toggle').click();
  await expect(steps.nth(1)).toContainText('3 date tests passed');
  await shot(page, 'thread');
  await saveScreenshot(page, testInfo, 'verify-thread');
  await page.setViewportSize({ width: 800, height: 800 });
  await shot(page, 'thread-800');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A task started with no retries fails its checks for good; the merge is refused, then merged anyway.
  await page.getByTestId('new-task-button').click();
  const composer = page.getByTestId('composer');
  await composer.getByLabel('Task prompt').fill('Rewrite the parser\nwrite dates.js export const parse = () => null;');
  await composer.getByLabel('Agent', { exact: true }).selectOption('scripted');
  await composer.getByTestId('composer-checks').locator('summary').click();
  await composer.getByLabel('Verify retries for this task').fill('0');
  await expect(composer.getByTestId('composer-judge-reason')).toHaveText(
    'Judging compares attempts: raise Attempts above 1 or also run it with another agent.',
  );
  await shot(page, 'composer');
  await composer.getByTestId('composer-dispatch').click();
  await expect(composer).toHaveCount(0);
  const unverified = await page.locator('[data-testid="task-row"][aria-current="page"]').getAttribute('data-task-id');
  if (!unverified) throw new Error('No selected task row after starting the second task');
  await waitForStatus(page, unverified, 'done');
  await expect(taskRow(page, unverified).getByTestId('task-verify')).toHaveText('✗ Failed verification');
  await expect(page.getByTestId('verify-retry')).toHaveCount(0);

  const review = await openReview(page);
  await review.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog.getByTestId('merge-checks')).toContainText(
    'Checks failed on the commit being merged: npm test exited 1',
  );
  await dialog.getByRole('button', { name: 'Merge into main' }).click();
  await expect(dialog.getByTestId('merge-error')).toContainText(
    'This repository requires passing checks to merge, and its checks failed.',
  );
  await expect(dialog).not.toContainText('Merges cleanly');
  await expect(dialog.getByRole('button', { name: 'Merge into main' })).toBeDisabled();
  await expect(dialog.getByTestId('run-checks')).toBeEnabled();
  await dialog.getByTestId('merge-anyway').click();
  await expect(dialog.getByTestId('merge-anyway-confirm')).toBeVisible();
  await shot(page, 'merge');
  await saveScreenshot(page, testInfo, 'verify-merge-refused');
  await dialog.getByTestId('merge-anyway-confirm-button').click();
  await expect(dialog.getByTestId('merge-result')).toContainText('Merged into main as');
  expect(repo.git(['show', 'main:dates.js'])).toContain('parse = () => null');
});
