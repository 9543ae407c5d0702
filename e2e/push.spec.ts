import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { openReview, openTask, waitForStatus } from './support/ui.js';

// Pushing a finished task's branch from its Review tab: to a repository whose origin reads as
// GitHub (so a pull-request link appears) but whose pushes go to a local bare repository; and to
// a repository with no remote at all, where the engine's advice is shown as it is.
const flotilla = useFlotilla();

/** Starts a scripted task in the named repository from the composer; resolves with its id once done. */
async function runTask(page: Page, repoName: string, prompt: string): Promise<string> {
  await page.getByTestId('new-task-button').click();
  const composer = page.getByTestId('composer');
  await composer.getByLabel('Repository').selectOption({ label: repoName });
  await composer.getByLabel('Task prompt').fill(prompt);
  await composer.getByLabel('Agent', { exact: true }).selectOption('scripted');
  await composer.getByTestId('composer-dispatch').click();
  await expect(composer).toHaveCount(0);
  const row = page.locator('[data-testid="task-row"][aria-current="page"]');
  const taskId = (await row.getAttribute('data-task-id')) ?? '';
  expect(taskId).not.toBe('');
  await waitForStatus(page, taskId, 'done');
  return taskId;
}

test('pushes a task branch and links to the pull request on GitHub', async ({ page }, testInfo) => {
  const repo = flotilla.createRepo('shop', { 'README.md': '# shop\n' });
  const bare = join(flotilla.root, 'shop-remote.git');
  execFileSync('git', ['init', '-q', '--bare', bare]);
  repo.git(['remote', 'add', 'origin', bare]);
  repo.git(['remote', 'set-url', 'origin', 'git@github.com:acme/shop.git']);
  repo.git(['remote', 'set-url', '--push', 'origin', bare]);
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  await flotilla.open(page);

  const taskId = await runTask(page, 'shop', 'Add a greeting\nwrite greeting.txt Hello from the task\\n');
  const { task } = await (await flotilla.api()).call('task/get', { taskId });
  const panel = await openReview(page);
  const push = panel.getByTestId('review-push');
  await expect(push).toHaveText('Push');
  await expect(panel.getByTestId('review-pushed')).toHaveCount(0);

  await push.click();
  await expect(panel.getByTestId('review-pushed')).toHaveText(`Pushed ${task.branch} to origin`);
  const pullRequest = panel.getByTestId('review-pull-request');
  const branchPath = task.branch.split('/').map(encodeURIComponent).join('/');
  await expect(pullRequest).toHaveAttribute(
    'href',
    `https://github.com/acme/shop/compare/main...${branchPath}?expand=1`,
  );
  await expect(pullRequest).toHaveAttribute('target', '_blank');
  await expect(pullRequest).toHaveText('Open pull request');
  await expect(push).toHaveText('Push again');
  await expect(push).toBeEnabled();
  await expect(panel.getByTestId('review-push-error')).toHaveCount(0);
  await saveScreenshot(page, testInfo, 'review-pushed');

  // The bare repository got the branch at the task's commit, holding what the agent wrote.
  const taskCommit = repo.git(['rev-parse', `refs/heads/${task.branch}`]);
  expect(repo.git(['--git-dir', bare, 'rev-parse', `refs/heads/${task.branch}`])).toBe(taskCommit);
  expect(repo.git(['--git-dir', bare, 'show', `refs/heads/${task.branch}:greeting.txt`])).toBe('Hello from the task');
  expect((await (await flotilla.api()).call('task/get', { taskId })).task.pushed).toMatchObject({
    remote: 'origin',
    branch: task.branch,
    commit: taskCommit,
  });

  // After a reload the review still says where the branch went.
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
  await openTask(page, taskId);
  const reopened = await openReview(page);
  await expect(reopened.getByTestId('review-pushed')).toHaveText(`Pushed ${task.branch} to origin`);
  await expect(reopened.getByTestId('review-push')).toHaveText('Push again');
});

test('a repository without a remote says how to add one', async ({ page }) => {
  const repo = flotilla.createRepo('notes', { 'README.md': '# notes\n' });
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  await flotilla.open(page);

  await runTask(page, 'notes', 'Write the notes\nwrite notes.md First notes\\n');
  const panel = await openReview(page);
  await panel.getByTestId('review-push').click();
  const error = panel.getByTestId('review-push-error');
  await expect(error).toHaveText(
    `${repo.path} has no remote to push to. Add one (git remote add origin <url>), then push again.`,
  );
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(panel.getByTestId('review-pushed')).toHaveCount(0);
  await expect(panel.getByTestId('review-push')).toHaveText('Push');
});
