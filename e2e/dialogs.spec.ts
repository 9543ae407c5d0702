import { expect, test } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { openReview, openTask, waitForStatus } from './support/ui.js';

// The window's dialogs own the keyboard: the shortcut that opens one puts the caret where the
// user types next, and a dialog whose content changes under the focus (a refused merge) keeps
// the focus, still closes on Esc, and never lets a shortcut open a second dialog underneath.
const flotilla = useFlotilla();

test('N and Ctrl+N open New task with the caret in the prompt, so text typed at once lands there', async ({ page }) => {
  const repo = flotilla.createRepo('typing', { 'a.txt': 'a\n' });
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  await flotilla.open(page);
  const composer = page.getByTestId('composer');
  const prompt = composer.getByLabel('Task prompt');
  // The window is on screen with its repository (as a user sees it before pressing a key).
  await expect(page.getByTestId('repo-heading')).toHaveCount(1);

  await page.keyboard.press('n');
  // No wait for the dialog: the keys follow the shortcut the way a fast typist's do.
  await page.keyboard.type('Fix the login form');
  await expect(prompt).toHaveValue('Fix the login form');
  await expect(prompt).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(composer).toHaveCount(0);

  await page.keyboard.press('Control+n');
  await page.keyboard.type('Second one');
  // The composer keeps the draft of the first; what was typed now comes after it, in the prompt.
  await expect(prompt).toHaveValue('Fix the login formSecond one');
  await expect(prompt).toBeFocused();
});

test('a refused merge keeps the focus in the dialog; Esc closes it and N opens nothing underneath', async ({
  page,
}, testInfo) => {
  const repo = flotilla.createRepo('refusal', { 'plants.txt': 'fern\n' });
  const api = await flotilla.api();
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  const { tasks } = await api.call('task/create', {
    repoId: added.id,
    prompt: 'Add a hedge\nwrite hedge.txt box\\n',
    agent: 'scripted',
  });
  const taskId = tasks[0]!.id;
  await flotilla.open(page);
  await waitForStatus(page, taskId, 'done');
  await openTask(page, taskId);
  const panel = await openReview(page);
  await panel.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByTestId('merge-dialog');
  const confirm = dialog.getByTestId('merge-confirm');
  await expect(dialog.getByTestId('merge-preview')).toContainText('Merges cleanly into main');

  // main moves on after the preview: the engine refuses to merge against a tip it did not preview.
  repo.commit({ 'pond.txt': 'water\n' }, 'main: a pond');
  await confirm.focus();
  await confirm.click();
  await expect(dialog.getByTestId('merge-error')).toBeVisible();
  await expect(confirm).toBeDisabled();
  await expect.poll(() => dialog.evaluate((box) => box.contains(document.activeElement))).toBe(true);
  await saveScreenshot(page, testInfo, 'merge-refused');

  // N (and Ctrl+N) while the dialog is open: no New task dialog, in front or behind.
  await page.keyboard.press('n');
  await page.keyboard.press('Control+n');
  await expect(page.getByTestId('composer')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(1);

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // With no dialog open, N works again.
  await page.keyboard.press('n');
  await expect(page.getByTestId('composer')).toBeVisible();
  expect(repo.git(['log', '--format=%s', '-1', 'main'])).toBe('main: a pond');
});
