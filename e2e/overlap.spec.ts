import { expect, test } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { openTask, taskRow, waitForStatus } from './support/ui.js';

// Two tasks on one base that write the same file warn each other in the sidebar and the thread; merging one clears it.
const flotilla = useFlotilla();

test('tasks changing the same file show an overlap badge and a thread line, cleared when one is merged', async ({
  page,
}, testInfo) => {
  const repo = flotilla.createRepo('overlap-app', { 'README.md': '# app\n' });
  const api = await flotilla.api();
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  await flotilla.open(page);
  const create = async (prompt: string) =>
    (await api.call('task/create', { repoId: added.id, prompt, agent: 'scripted' })).tasks[0]!.id;
  const first = await create('Fix auth\nwrite src/auth.ts export const a = 1;');
  await waitForStatus(page, first, 'done');
  const second = await create('Add login\nwrite src/auth.ts export const b = 2;');
  await waitForStatus(page, second, 'done');
  const third = await create('Write docs\nwrite docs.md docs');
  await waitForStatus(page, third, 'done');

  const badge = taskRow(page, first).getByTestId('task-overlap');
  await expect(badge).toContainText('conflicts with 1 task', { timeout: 10_000 });
  await expect(badge).toHaveAttribute('title', /Changes the same file src\/auth\.ts as “Add login/);
  await expect(taskRow(page, second).getByTestId('task-overlap')).toContainText('conflicts with 1 task');
  await expect(taskRow(page, third).getByTestId('task-overlap')).toHaveCount(0);

  await openTask(page, first);
  const thread = page.getByTestId('thread');
  await expect(thread.getByText(/Changes the same file src\/auth\.ts as “Add login/).last()).toBeVisible();
  await saveScreenshot(page, testInfo, 'overlap-warning');

  await api.call('task/merge', { taskId: second });
  await expect(badge).toHaveCount(0, { timeout: 10_000 });
  await expect(thread.getByText('No longer changes the same files as another active task.')).toBeVisible();
});
