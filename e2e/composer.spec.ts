import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { replyText } from '../testing/model-server/scenario-steps.js';
import type { TempRepo } from '../testing/engine/temp-repo.js';
import { scriptedModel, useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { waitForStatus } from './support/ui.js';

// The composer as a new user meets it: the base-branch picker, the model picker per agent, the
// agent it keeps from last time, and a draft that survives closing it by accident.
// Codex and an ACP agent are installed here as a stand-in program that only answers --version and
// `login status`: enough for the engine to offer them, which is all the composer needs.
const flotilla = useFlotilla({
  seedHome(home, root) {
    const program = join(root, 'fake-agent');
    writeFileSync(program, '#!/bin/sh\necho "fake-agent 1.0"\n');
    chmodSync(program, 0o755);
    const agents = { codex: { path: program, configHome: 'user' }, 'acp:echo': { name: 'Echo agent', path: program } };
    writeFileSync(join(home, 'agents.json'), JSON.stringify({ agents }));
  },
});
test.describe.configure({ mode: 'serial' });

let repo: TempRepo;

test('the base branch picker puts the user’s branches first, hides task branches behind a toggle, filters as one types', async ({
  page,
}, testInfo) => {
  repo = flotilla.createRepo('shop', { 'README.md': '# shop\n' });
  repo.git(['branch', 'old-work']);
  repo.git(['checkout', '-q', '-b', 'feature/cart']);
  repo.commit({ 'cart.txt': 'cart\n' }, 'cart');
  repo.git(['checkout', '-q', 'main']);
  repo.git(['tag', 'v1.0']);
  const api = await flotilla.api();
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  const { tasks } = await api.call('task/create', {
    repoId: added.id,
    prompt: 'write earlier.txt from an earlier task',
    agent: 'scripted',
  });
  await flotilla.open(page);
  await waitForStatus(page, tasks[0]!.id, 'done');

  await page.getByTestId('new-task-button').click();
  const composer = page.getByTestId('composer');
  const base = composer.getByRole('combobox', { name: 'Base branch' });
  await expect(base).toHaveAttribute('placeholder', 'main (current)');
  await base.click();
  const list = composer.getByRole('listbox', { name: 'Base branch' });
  const names = list.locator('.combobox-value');
  await expect(names).toHaveText(['main', 'feature/cart', 'old-work']);
  await expect(list.getByTestId('composer-base-action')).toHaveText('Show 1 task branch');
  await saveScreenshot(page, testInfo, 'composer-base-picker');

  // Type to filter, arrows and Enter to pick.
  await base.pressSequentially('ca');
  await expect(names).toHaveText(['feature/cart']);
  await base.press('Enter');
  await expect(base).toHaveValue('feature/cart');
  await expect(list).toHaveCount(0);

  // A task branch is one toggle away.
  await base.fill('');
  await base.pressSequentially('earlier');
  await expect(list.getByTestId('composer-base-action')).toHaveText('Show 1 matching task branch');
  await base.press('ArrowDown');
  await base.press('Enter');
  await expect(names).toHaveText([tasks[0]!.branch]);
  // Esc closes the list only; the composer stays open.
  await base.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(composer).toBeVisible();

  // A tag typed by hand is used as the base.
  await base.fill('v1.0');
  await base.press('Enter');
  await composer.getByLabel('Task prompt').fill('write from-tag.txt started from the tag');
  await composer.getByTestId('composer-dispatch').click();
  await expect(composer).toHaveCount(0);
  const created = (await api.call('task/list', {})).tasks.find((task) => task.prompt.startsWith('write from-tag.txt'));
  expect(created?.baseRef).toBe('v1.0');
});

test('the model field offers the chosen agent’s models, and the composer says when it keeps the last agent', async ({
  page,
}, testInfo) => {
  await flotilla.open(page);
  await page.getByTestId('new-task-button').click();
  const composer = page.getByTestId('composer');
  const agent = composer.getByLabel('Agent', { exact: true });
  const model = composer.getByRole('combobox', { name: 'Model' });
  await expect(composer.getByTestId('composer-agent-source')).toHaveText(
    'Agent: Scripted test agent (the default in Settings) · change',
  );

  // The scripted agent picks its own model; the field is off and says so instead of suggesting anthropic:….
  await expect(model).toBeDisabled();
  await expect(model).toHaveAttribute('placeholder', 'This agent picks its own model');
  await expect(composer.getByTestId('composer-model-hint')).toHaveText(
    'Scripted test agent picks its own model; Flotilla does not pass one on.',
  );

  // Codex offers OpenAI's models by their Codex names, never the built-in agent's anthropic:….
  await agent.selectOption('codex');
  await expect(model).toBeEnabled();
  await expect(model).toHaveAttribute('placeholder', 'Codex’s own default');
  await model.click();
  const codexModels = composer.getByRole('listbox', { name: 'Model' }).locator('.combobox-value');
  await expect(codexModels.first()).toHaveText('gpt-5-codex');
  expect((await codexModels.allTextContents()).filter((name) => name.includes(':') || name.includes('claude'))).toEqual(
    [],
  );
  await saveScreenshot(page, testInfo, 'composer-model-codex');
  await model.press('Escape');

  // An ACP agent picks its own model too: typed-in models have nowhere to go.
  await agent.selectOption('acp:echo');
  await expect(model).toBeDisabled();
  await expect(composer.getByTestId('composer-model-hint')).toHaveText(
    'Echo agent picks its own model; Flotilla does not pass one on.',
  );
  await saveScreenshot(page, testInfo, 'composer-model-acp');

  // The built-in agent lists the models the configured provider serves (here, the scripted server).
  await agent.selectOption('builtin');
  await expect(model).toHaveAttribute('placeholder', 'anthropic:claude-sonnet-4-6 (default)');
  await model.pressSequentially('e2e');
  await expect(composer.getByRole('listbox', { name: 'Model' })).toContainText(
    'Not in the list; “e2e” is used as typed.',
  );
  await model.fill('');
  await model.pressSequentially('scripted-model');
  await expect(composer.getByRole('listbox', { name: 'Model' }).locator('.combobox-value')).toHaveText([
    'compatible:scripted-model',
  ]);
  await saveScreenshot(page, testInfo, 'composer-model-picker');
  await model.fill(scriptedModel);
  await model.press('Enter');
  await expect(model).toHaveValue(scriptedModel);
  flotilla.model.script([replyText('Nothing to change.')]);
  await composer.getByLabel('Task prompt').fill('Look around the shop');
  await composer.getByTestId('composer-dispatch').click();
  await expect(composer).toHaveCount(0);

  // Next time the composer keeps the built-in agent and its model, and says so.
  await page.getByTestId('new-task-button').click();
  const source = composer.getByTestId('composer-agent-source');
  await expect(source).toHaveText('Agent: Flotilla agent (last used) · change · use the default, Scripted test agent');
  await expect(model).toHaveValue(scriptedModel);
  await expect(agent.locator('option', { hasText: 'Scripted test agent (default)' })).toHaveCount(1);
  await source.getByRole('button', { name: 'use the default, Scripted test agent' }).click();
  await expect(agent).toHaveValue('scripted');
  await expect(model).toHaveValue('');
});

test('what was typed survives closing the composer by accident and a reload, until the task starts', async ({
  page,
}) => {
  await flotilla.open(page);
  await page.getByTestId('new-task-button').click();
  const composer = page.getByTestId('composer');
  await composer.getByLabel('Task prompt').fill('write draft.txt from a draft\nthat was nearly lost');
  await composer.getByLabel('Number of attempts').fill('2');
  await page.keyboard.press('Escape');
  await expect(composer).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
  await page.getByTestId('new-task-button').click();
  await expect(composer.getByLabel('Task prompt')).toHaveValue('write draft.txt from a draft\nthat was nearly lost');
  await expect(composer.getByLabel('Number of attempts')).toHaveValue('2');
  await expect(composer.getByTestId('composer-restored')).toContainText('Your unsent draft is back.');
  await composer.getByLabel('Number of attempts').fill('1');
  await composer.getByTestId('composer-dispatch').click();
  await expect(composer).toHaveCount(0);

  await page.getByTestId('new-task-button').click();
  await expect(composer.getByLabel('Task prompt')).toHaveValue('');
  await expect(composer.getByTestId('composer-restored')).toHaveCount(0);
});
