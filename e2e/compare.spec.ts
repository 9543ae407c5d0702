import { expect, test } from '@playwright/test';
import { replyText, replyToolCalls, writeFile } from '../testing/model-server/scenario-steps.js';
import { scriptedModel, useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { waitForStatus } from './support/ui.js';

// One prompt handed to two agents at once, to compare their work side by side.
const flotilla = useFlotilla();

test('one prompt runs with two agents as siblings, each named, each with its own diff', async ({ page }, testInfo) => {
  const repo = flotilla.createRepo('site', { 'README.md': '# site\n' });
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  flotilla.model.script([
    replyToolCalls([writeFile('answer.txt', 'from the built-in agent\n')]),
    replyText('Wrote answer.txt.'),
  ]);
  await flotilla.open(page);

  await page.getByTestId('new-task-button').click();
  const composer = page.getByTestId('composer');
  await composer.getByLabel('Task prompt').fill('write answer.txt from the scripted agent');
  // The model field belongs to the chosen agent: the built-in agent takes one, the scripted agent picks its own.
  await composer.getByLabel('Agent', { exact: true }).selectOption('builtin');
  await composer.getByLabel('Model').fill(scriptedModel);
  await composer.getByLabel('Also run with Scripted test agent').check();
  await expect(composer.getByTestId('composer-dispatch')).toContainText('Start 2 tasks');
  await composer.getByTestId('composer-dispatch').click();
  await expect(composer).toHaveCount(0);

  await expect(page.getByTestId('task-group')).toHaveText('2 tasks comparing agents');
  const rows = page.getByTestId('task-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('task-agent')).toHaveText(['Flotilla agent', 'Scripted test agent']);
  const ids = await rows.evaluateAll((elements) =>
    elements.map((element) => (element as HTMLElement).dataset.taskId ?? ''),
  );
  for (const id of ids) await waitForStatus(page, id, 'done');
  await saveScreenshot(page, testInfo, 'compare-agents');

  const api = await flotilla.api();
  const tasks = await Promise.all(ids.map(async (taskId) => (await api.call('task/get', { taskId })).task));
  expect(tasks.map((task) => task.agent)).toEqual(['builtin', 'scripted']);
  expect(new Set(tasks.map((task) => task.groupId)).size).toBe(1);
  const diffs = await Promise.all(ids.map(async (taskId) => (await api.call('task/diff', { taskId })).diff));
  expect(diffs.map((diff) => diff.files.map((file) => file.path))).toEqual([['answer.txt'], ['answer.txt']]);
  expect(repo.git(['show', `${tasks[0]!.branch}:answer.txt`])).toBe('from the built-in agent');
});
