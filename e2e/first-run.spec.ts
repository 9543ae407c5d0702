import { expect, test } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';

// A fresh home: the first-run page, adding folders (wrong, then right), and the settings view.
const flotilla = useFlotilla();
test.describe.configure({ mode: 'serial' });

test('a fresh home greets the user with the first-run steps', async ({ page }, testInfo) => {
  await flotilla.open(page);
  const welcome = page.getByRole('region', { name: 'Welcome' });
  await expect(welcome.getByRole('heading', { name: 'Welcome to Flotilla' })).toBeVisible();
  await expect(welcome.getByRole('heading', { name: '1. Add a repository' })).toBeVisible();
  await expect(page.getByTestId('new-task-button')).toBeDisabled();
  await saveScreenshot(page, testInfo, 'first-run');
});

test('adding a folder that is not a git repository says so clearly and adds nothing', async ({ page }) => {
  const folder = flotilla.createFolder('just-a-folder');
  await flotilla.open(page);
  const welcome = page.getByRole('region', { name: 'Welcome' });
  await welcome.getByLabel('Repository path').fill(folder);
  await welcome.getByRole('button', { name: 'Add' }).click();
  const error = welcome.getByTestId('add-repo-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText(/not a git repository/i);
  await expect(error).toContainText(folder);
  await expect(page.getByTestId('repo-heading')).toHaveCount(0);
  await expect(welcome).toBeVisible();
});

test('adding a missing folder names the path that does not exist', async ({ page }) => {
  const missing = `${flotilla.root}/no-such-folder`;
  await flotilla.open(page);
  const welcome = page.getByRole('region', { name: 'Welcome' });
  await welcome.getByLabel('Repository path').fill(missing);
  await welcome.getByRole('button', { name: 'Add' }).click();
  await expect(welcome.getByTestId('add-repo-error')).toContainText(missing);
});

test('adding a repository lists it in the sidebar and leaves the first-run page', async ({ page }) => {
  const repo = flotilla.createRepo('shop', { 'README.md': '# shop\n' });
  await flotilla.open(page);
  await page.getByRole('region', { name: 'Welcome' }).getByLabel('Repository path').fill(repo.path);
  await page.getByRole('region', { name: 'Welcome' }).getByRole('button', { name: 'Add' }).click();
  const heading = page.getByTestId('repo-heading');
  await expect(heading).toHaveCount(1);
  await expect(heading).toContainText('shop');
  await expect(heading).toHaveAttribute('title', repo.path);
  await expect(page.getByRole('region', { name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('new-task-button')).toBeEnabled();
  // The engine has it too, so it survives a reload.
  await page.reload();
  await expect(page.getByTestId('repo-heading')).toContainText('shop');
});

test('adding the same repository again tells the user it is already there', async ({ page }) => {
  const api = await flotilla.api();
  const { repos } = await api.call('repo/list', {});
  await flotilla.open(page);
  await page.getByTestId('add-repo-button').click();
  await page.getByLabel('Repository path').fill(repos[0]!.path);
  await page.getByTestId('add-repo-submit').click();
  await expect(page.getByText('shop was already added.')).toBeVisible();
  await expect(page.getByTestId('repo-heading')).toHaveCount(1);
});

test('the settings view shows the engine defaults, providers and repositories', async ({ page }, testInfo) => {
  await flotilla.open(page);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await saveScreenshot(page, testInfo, 'settings');

  // An agent's program can be pointed elsewhere from here; the engine checks it at once.
  const codex = page.locator('[data-testid="agent-row"][data-agent-id="codex"]');
  await codex.getByRole('button', { name: 'Set up Codex' }).click();
  await codex.getByLabel('Codex program path').fill(`${flotilla.root}/no-codex-here`);
  await expect(codex.getByLabel('Use my own Codex login')).not.toBeChecked();
  await codex.getByTestId('agent-save').click();
  await expect(codex.getByTestId('agent-detail')).toContainText(
    `${flotilla.root}/no-codex-here (the path set for it in Settings) is not an executable file.`,
  );
  await expect(codex.getByText('not available')).toBeVisible();
});
