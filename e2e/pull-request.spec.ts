import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { installFakeGh, type FakeGh } from '../testing/github/fake-gh.js';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { openReview, openTask, waitForStatus } from './support/ui.js';

// Create pull request from a finished task's Review tab, with a gh stand-in (named by FLOTILLA_GH) that records its
// arguments: the branch goes to a local bare repository behind a GitHub-looking origin, and the pull request gh
// reports is shown in the toolbar and the task header. Then gh gone: the push's own link and what to install.
let gh: FakeGh | null = null;
const env: Record<string, string | undefined> = {};
const flotilla = useFlotilla({
  env,
  // Runs before `flotilla serve` starts and before the fixture reads `env`, so the engine finds the stand-in.
  seedHome(_home, root) {
    gh = installFakeGh(root);
    env.FLOTILLA_GH = gh.path;
  },
});

/** Adds a repository whose origin reads as github.com/acme/shop but whose pushes go to a bare repository. */
async function githubLookingRepo(name: string): Promise<{ git: (args: string[]) => string }> {
  const repo = flotilla.createRepo(name, { 'README.md': `# ${name}\n` });
  const bare = join(flotilla.root, `${name}-remote.git`);
  execFileSync('git', ['init', '-q', '--bare', bare]);
  repo.git(['remote', 'add', 'origin', bare]);
  repo.git(['remote', 'set-url', 'origin', 'git@github.com:acme/shop.git']);
  repo.git(['remote', 'set-url', '--push', 'origin', bare]);
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  return { git: (args) => repo.git(['--git-dir', bare, ...args]) };
}

async function runTask(page: Page, repoName: string, prompt: string): Promise<string> {
  await page.getByTestId('new-task-button').click();
  const composer = page.getByTestId('composer');
  await composer.getByLabel('Repository').selectOption({ label: repoName });
  await composer.getByLabel('Task prompt').fill(prompt);
  await composer.getByLabel('Agent', { exact: true }).selectOption('scripted');
  await composer.getByTestId('composer-dispatch').click();
  await expect(composer).toHaveCount(0);
  const taskId =
    (await page.locator('[data-testid="task-row"][aria-current="page"]').getAttribute('data-task-id')) ?? '';
  expect(taskId).not.toBe('');
  await waitForStatus(page, taskId, 'done');
  return taskId;
}

test('Create pull request pushes the branch, opens it through gh, and shows its link, state and checks', async ({
  page,
}, testInfo) => {
  gh!.logIn(true);
  const remote = await githubLookingRepo('shop');
  await flotilla.open(page);
  const taskId = await runTask(page, 'shop', 'Add a greeting\nwrite greeting.txt Hello from the task\\n');
  const { task } = await (await flotilla.api()).call('task/get', { taskId });
  const panel = await openReview(page);
  const create = panel.getByTestId('review-create-pull-request');
  await expect(create).toHaveText('Create pull request');

  await create.click();
  const link = panel.getByTestId('review-pull-request-status').getByTestId('pull-request-link');
  await expect(link).toHaveText('Pull request #12');
  await expect(link).toHaveAttribute('href', 'https://github.com/acme/shop/pull/12');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(panel.getByTestId('review-pull-request-status')).toContainText('open');
  await expect(panel.getByTestId('review-pull-request-status')).toContainText('checks: no checks');
  await expect(create).toHaveText('Push to pull request #12');
  const header = page.getByTestId('task-pull-request');
  await expect(header.getByTestId('pull-request-link')).toHaveAttribute('href', 'https://github.com/acme/shop/pull/12');
  await saveScreenshot(page, testInfo, 'review-pull-request');

  expect(remote.git(['show', `refs/heads/${task.branch}:greeting.txt`])).toBe('Hello from the task');
  const [args] = gh!.callsOf('pr create');
  expect(args?.slice(0, 8)).toEqual(['pr', 'create', '--repo', 'acme/shop', '--head', task.branch, '--base', 'main']);
  expect(args?.[args.indexOf('--title') + 1]).toBe(task.title);
  expect((await (await flotilla.api()).call('task/get', { taskId })).task.pullRequest).toMatchObject({
    number: 12,
    state: 'open',
  });

  // A check reported later shows once the window asks again (it does when the task view opens).
  gh!.setPullRequest({
    url: 'https://github.com/acme/shop/pull/12',
    number: 12,
    state: 'OPEN',
    isDraft: false,
    statusCheckRollup: [{ __typename: 'CheckRun', name: 'test', status: 'COMPLETED', conclusion: 'SUCCESS' }],
  });
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
  await openTask(page, taskId);
  await expect(page.getByTestId('task-pull-request').getByTestId('pull-request-checks')).toHaveText('checks: 1 passed');
});

test('without gh the branch is still pushed, with the link to open one and what to install', async ({ page }) => {
  rmSync(gh!.path);
  const remote = await githubLookingRepo('notes');
  await flotilla.open(page);
  const taskId = await runTask(page, 'notes', 'Write the notes\nwrite notes.md First notes\\n');
  const { task } = await (await flotilla.api()).call('task/get', { taskId });
  const panel = await openReview(page);
  await panel.getByTestId('review-create-pull-request').click();
  await expect(panel.getByTestId('review-gh-problem')).toHaveText(
    `GitHub CLI (gh) was not found at ${gh!.path} (FLOTILLA_GH). Install GitHub CLI (https://cli.github.com) and run gh auth login.`,
  );
  const branchPath = task.branch.split('/').map(encodeURIComponent).join('/');
  await expect(panel.getByTestId('review-pull-request')).toHaveAttribute(
    'href',
    `https://github.com/acme/shop/compare/main...${branchPath}?expand=1`,
  );
  expect(remote.git(['branch', '--list', task.branch])).toContain(task.branch);
  await expect(page.getByTestId('task-pull-request')).toHaveCount(0);
});
