import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { builtInScenarios } from '../testing/model-server/scenarios.js';
import { teamScenarios } from '../testing/model-server/team-scenarios.js';
import { useFlotilla } from './support/flotilla-fixture.js';
import { openTask, taskRow, waitForStatus } from './support/ui.js';

// A team in the window: the built-in lead on the scripted model server starts a scripted subtask, which the sidebar
// nests under it and the overview places right after it; Stop on the lead stops the team.
const flotilla = useFlotilla({ modelServer: { scenarios: [...builtInScenarios, ...teamScenarios] } });
const shots = '/tmp/shots';

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${shots}/team-${name}.png` });
}

test('a lead’s subtask nests under it in the sidebar and the overview; Stop on the lead stops the team', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const api = await flotilla.api();
  const repo = flotilla.createRepo('team', { 'README.md': '# team\n' });
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  const { tasks } = await api.call('task/create', {
    repoId: added.id,
    prompt: 'Split the work, then wait for it.',
    agent: 'builtin',
    model: 'compatible:scenario:leadOfSlowSubtask',
    team: true,
  });
  const lead = tasks[0]!;
  await flotilla.open(page);

  const subtaskRow = page.locator('[data-testid="task-row"].grouped');
  await expect(subtaskRow).toHaveCount(1, { timeout: 30_000 });
  const subtaskId = (await subtaskRow.getAttribute('data-task-id')) ?? '';
  await waitForStatus(page, subtaskId, 'running');
  // The subtask's row comes right after its lead's, indented.
  const rows = page.getByTestId('task-row');
  const ids = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-task-id')));
  expect(ids.indexOf(subtaskId)).toBe(ids.indexOf(lead.id) + 1);

  // The overview keeps the team together and says who leads whom.
  const cards = page.getByTestId('overview-grid').getByTestId('overview-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toHaveAttribute('data-task-id', lead.id);
  await expect(cards.nth(0).getByTestId('overview-team')).toContainText('Team lead · 1 subtask');
  await expect(cards.nth(1)).toHaveAttribute('data-task-id', subtaskId);
  await expect(cards.nth(1).getByTestId('overview-team')).toContainText('↳ Subtask of');
  await shoot(page, 'overview');

  // Stop on the lead stops its subtask too.
  await openTask(page, lead.id);
  await page.getByTestId('stop-task').click();
  await waitForStatus(page, lead.id, /stopped|interrupted|failed|done/);
  await expect(taskRow(page, subtaskId)).not.toHaveAttribute('data-status', 'running', { timeout: 15_000 });
  const { task: subtask } = await api.call('task/get', { taskId: subtaskId });
  expect(subtask.status).not.toBe('running');
  await shoot(page, 'stopped');
});
