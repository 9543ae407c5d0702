import { expect, test } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { dispatchTask, openReview, openTask, waitForStatus } from './support/ui.js';

// A task whose merge conflicts because main moved on: from the merge dialog the user brings main
// into the task branch and lets the agent resolve the conflict markers; once the agent is done,
// the merge is clean and main ends up without a single marker.
const flotilla = useFlotilla();

test('brings main into a conflicting task, lets the agent resolve it, then merges cleanly', async ({
  page,
}, testInfo) => {
  const repo = flotilla.createRepo('notebook', { 'notes.txt': 'one\n' });
  const api = await flotilla.api();
  await api.call('repo/add', { path: repo.path });
  await flotilla.open(page);

  const taskId = await dispatchTask(page, {
    prompt: 'Update the notes\nwrite notes.txt task version\\n',
    agent: 'scripted',
  });
  await waitForStatus(page, taskId, 'done');
  // Meanwhile someone changes the same lines on main.
  const mainBefore = repo.commit({ 'notes.txt': 'main version\n' }, 'main: notes');

  const panel = await openReview(page);
  await panel.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByTestId('merge-dialog');
  const preview = dialog.getByTestId('merge-preview');
  await expect(preview).toContainText('Merging into main would conflict in this file:');
  await expect(preview.getByRole('list', { name: 'Conflicting files' })).toHaveText('notes.txt');
  await expect(preview).toContainText('nothing is merged into main until they are resolved');
  await expect(dialog.getByTestId('merge-confirm')).toBeDisabled();
  await expect(dialog.getByTestId('bring-in-base-by-hand')).toHaveText("Bring in main, I'll resolve");
  await saveScreenshot(page, testInfo, 'merge-conflicts');

  await dialog.getByTestId('bring-in-base-agent').click();
  await expect(dialog.getByTestId('bring-in-base-status')).toHaveText(
    'The agent is resolving the conflicts in notes.txt; merge once it is done.',
  );
  await expect(dialog.getByTestId('bring-in-base-status')).toHaveAttribute('role', 'status');
  // The task branch now holds main, as a merge commit whose second parent is main's tip. The
  // agent's follow-up may already have checkpointed on top of it, so look through the history.
  const { task } = await api.call('task/get', { taskId });
  const merges = repo.git(['log', '--merges', '--format=%P', task.branch]).split('\n');
  expect(merges.map((parents) => parents.split(' ')[1])).toContain(mainBefore);

  // The engine asked the agent in a follow-up; its second turn rewrites the file.
  await expect
    .poll(async () => (await api.call('task/get', { taskId })).task, { timeout: 30_000 })
    .toMatchObject({ turns: 2, status: 'done' });
  await waitForStatus(page, taskId, 'done');
  await dialog.getByRole('button', { name: 'Close the merge dialog' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('tab-thread').click();
  await expect(page.getByTestId('thread')).toContainText('into this branch. These files now hold git conflict markers');

  await openReview(page);
  await panel.getByRole('button', { name: 'Merge…' }).click();
  await expect(dialog.getByTestId('merge-preview')).toHaveText(/^Merges cleanly into main \(\d+ files? changed\)\.$/);
  await dialog.getByRole('button', { name: 'Merge into main' }).click();
  await expect(dialog.getByTestId('merge-result')).toContainText('Merged into main as');
  await waitForStatus(page, taskId, 'merged');

  const merged = repo.git(['show', 'main:notes.txt']);
  expect(merged).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
  expect(merged).toContain("Written by Flotilla's scripted agent");
  expect(repo.git(['merge-base', '--is-ancestor', mainBefore, 'main'])).toBe('');
});

test('the review says main moved on, and brings it in with one click', async ({ page }, testInfo) => {
  const repo = flotilla.createRepo('garden', { 'plants.txt': 'fern\n' });
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
  const mainTip = repo.commit({ 'pond.txt': 'water\n' }, 'main: a pond');
  repo.commit({ 'path.txt': 'gravel\n' }, 'main: a path');

  const panel = await openReview(page);
  await panel.getByTestId('review-refresh').click();
  const banner = panel.getByTestId('base-behind');
  await expect(banner).toContainText('main has 2 new commits this task does not have yet.');
  await saveScreenshot(page, testInfo, 'review-base-behind');
  await banner.getByRole('button', { name: 'Bring in main' }).click();
  await expect(banner.getByRole('status')).toHaveText('Brought main into the task branch without conflicts.');
  await expect(banner.getByRole('button', { name: 'Bring in main' })).toHaveCount(0);
  // Main's files are in the task's worktree now, and the diff still shows only the task's own work.
  await expect(panel.getByTestId('review-totals')).toContainText('1 file changed');
  const { task } = await api.call('task/get', { taskId });
  expect(repo.git(['merge-base', '--is-ancestor', mainTip, task.branch])).toBe('');
  expect(repo.git(['show', `${task.branch}:path.txt`])).toBe('gravel');
});
