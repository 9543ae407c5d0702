import { expect, test, type Page } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { openTask, waitForStatus } from './support/ui.js';

// A task's Terminal tab runs a shell in its worktree: typed commands print there, and a reload brings the output back.
// A plain sh, so the test does not depend on this machine's interactive bash start-up (see terminals.test.ts).
const flotilla = useFlotilla({ env: { SHELL: '/bin/sh' } });

/** The text of the terminal on screen, as xterm.js draws it. */
const screenText = (page: Page) => page.getByTestId('terminal-screen').locator('.xterm-rows');
/** The terminal's lines, trimmed: `pwd` prints the folder alone on one (a prompt may show it too, but not alone). */
const screenLines = async (page: Page) => (await screenText(page).innerText()).split('\n').map((line) => line.trim());

test('the terminal runs in the worktree, and its output survives a reload', async ({ page }, testInfo) => {
  const repo = flotilla.createRepo('terminal-app', { 'README.md': '# app\n' });
  const api = await flotilla.api();
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  await flotilla.open(page);
  const task = (
    await api.call('task/create', { repoId: added.id, prompt: 'Add notes\nwrite notes.txt hi', agent: 'scripted' })
  ).tasks[0]!;
  await waitForStatus(page, task.id, 'done');
  await openTask(page, task.id);

  await page.getByTestId('tab-terminal').click();
  const panel = page.getByRole('tabpanel', { name: 'Terminal' });
  await expect(panel.getByText('Runs as you in the worktree, outside the agent sandbox.')).toBeVisible();
  await expect(panel.getByTestId('terminal-tab')).toHaveText(['Terminal 1']);
  // The shell's prompt, whatever it looks like.
  await expect(screenText(page)).not.toHaveText(/^\s*$/);

  await page.getByTestId('terminal-screen').click();
  await page.keyboard.type('pwd');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenLines(page)).toContain(task.worktreePath);
  // Keys the app would take for itself (Ctrl+K opens the command palette) go to the shell while it has the focus.
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette-input')).toHaveCount(0);
  // xterm colours its text with style elements of its own, which the page's CSP blocks unless they are adopted as
  // stylesheets: without that the text would be drawn black on the dark background.
  await expect(screenText(page)).toHaveCSS('color', 'rgb(236, 236, 241)');
  await saveScreenshot(page, testInfo, 'terminal');

  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
  await openTask(page, task.id);
  await page.getByTestId('tab-terminal').click();
  await expect(page.getByTestId('terminal-tab')).toHaveText(['Terminal 1']);
  // The output from before the reload is back: the command typed and what it printed.
  await expect.poll(() => screenLines(page)).toContain(task.worktreePath);
  await expect(screenText(page)).toContainText('pwd');
  await saveScreenshot(page, testInfo, 'terminal-after-reload');

  // A second terminal, then closing it, leaves the first one shown.
  await page.getByTestId('terminal-add').click();
  await expect(page.getByTestId('terminal-tab')).toHaveText(['Terminal 1', 'Terminal 2']);
  await page.getByRole('button', { name: 'Close Terminal 2' }).click();
  await expect(page.getByTestId('terminal-tab')).toHaveText(['Terminal 1']);
  await expect.poll(() => screenLines(page)).toContain(task.worktreePath);

  // Discarding the task removes its worktree, and its terminals close with it.
  await api.call('task/discard', { taskId: task.id });
  await expect(page.getByTestId('terminal-tab')).toHaveCount(0);
  await expect((await api.call('terminal/list', { taskId: task.id })).terminals).toEqual([]);
});
