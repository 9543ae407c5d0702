import { mkdirSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { rankingRule } from '../shared/ranking.js';
import { groupAttempts } from '../testing/model-server/group-scenarios.js';
import { builtInScenarios } from '../testing/model-server/scenarios.js';
import { useFlotilla } from './support/flotilla-fixture.js';
import { openTask } from './support/ui.js';

// A group of attempts compared in the window: ranked by the judge model (or the rule), synthesized, and picked.
const flotilla = useFlotilla({ modelServer: { scenarios: [...builtInScenarios, groupAttempts()] } });

const judgeModel = 'compatible:scenario:judgeRanks';
const attemptModel = 'compatible:scenario:groupAttempts';
const shots = '/tmp/shots';

/** Screenshots of what the page shows now, 1280 and 800 pixels wide, as /tmp/shots/compare-<name>-<width>.png. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  for (const width of [1280, 800]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${shots}/compare-${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * Notes in the page when the status line first says "Ranked by" (a MutationObserver, so no polling delay counts);
 * false when it already did.
 */
async function watchRankedAt(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const note = window as unknown as { rankedAt?: number };
    const ranked = () =>
      document.querySelector('[data-testid="compare-ranking-status"]')?.textContent?.startsWith('Ranked by') ?? false;
    if (ranked()) return false;
    new MutationObserver(() => {
      if (note.rankedAt === undefined && ranked()) note.rankedAt = Date.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    return true;
  });
}

/** Prints (and attaches) how long after the last attempt's checks finished the window showed the ranking. */
async function reportRankingLatency(page: Page, watching: boolean, ids: readonly string[], testInfo: TestInfo) {
  if (!watching) {
    console.log('ranking latency not measured: the ranking was shown before the view was watched');
    return;
  }
  const api = await flotilla.api();
  const finished = await Promise.all(ids.map(async (taskId) => (await api.call('task/get', { taskId })).task));
  const lastChecked = Math.max(...finished.map((task) => Date.parse(task.lastVerify?.at ?? '')));
  const shownAt = await page.evaluate(() => (window as unknown as { rankedAt?: number }).rankedAt ?? Number.NaN);
  const line = `ranking shown in the window ${Math.round(shownAt - lastChecked)} ms after the last attempt's checks finished`;
  console.log(line);
  testInfo.annotations.push({ type: 'measured', description: line });
}

function cards(page: Page) {
  return page.getByTestId('compare-attempt');
}

test('a group ranked without a judge model says it used the rule and why; Judge again uses one set later; Pick asks before merging unchecked work', async ({
  page,
}) => {
  const api = await flotilla.api();
  const repo = flotilla.createRepo('rule', { 'README.md': '# rule\n' });
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  const { tasks } = await api.call('task/create', {
    repoId: added.id,
    prompt: 'write a.txt hello',
    agent: 'scripted',
    attempts: 2,
  });
  await flotilla.open(page);
  // The overview lists the group until one of it is picked.
  await expect(page.getByTestId('overview-group')).toContainText(`2 tasks · Ranked by the rule: ${tasks[0]!.id} first`);
  await shoot(page, 'overview');
  await page.getByRole('button', { name: 'Compare the 2 attempts' }).click();
  const view = page.getByTestId('compare-view');
  await expect(view.getByTestId('compare-ranking-status')).toHaveText(`Ranked by the rule: ${rankingRule}`);
  await expect(view.getByTestId('compare-ranking-why')).toContainText('Why: No judge model is configured.');
  // Equal changes and costs: the older attempt wins the tie, and is preselected.
  await expect(cards(page)).toHaveCount(2);
  await expect(cards(page).first()).toHaveAttribute('data-task-id', tasks[0]!.id);
  await expect(cards(page).first().getByTestId('compare-verdict')).toContainText('by the rule');
  await expect(view.getByTestId('compare-pick-button')).toHaveText(`Pick ${tasks[0]!.id} and merge…`);
  await shoot(page, 'rule');

  // With a judge model set, Judge again ranks them with it (the scripted judge puts the last attempt first).
  await api.call('settings/update', { judgeModel });
  await view.getByTestId('compare-judge').click();
  await expect(view.getByTestId('compare-ranking-status')).toHaveText(`Ranked by ${judgeModel}`);
  await expect(view.getByTestId('compare-ranking-why')).toHaveCount(0);
  await expect(cards(page).first()).toHaveAttribute('data-task-id', tasks[1]!.id);
  await expect(view.getByTestId('compare-pick-button')).toHaveText(`Pick ${tasks[1]!.id} and merge…`);

  // The repository now requires passing checks, and no attempt was checked: Pick refuses and offers to merge anyway.
  await api.call('repo/update', { repoId: added.id, settings: { verifyCommand: 'test -f a.txt' } });
  await view.getByTestId('compare-pick-button').click();
  await view.getByTestId('compare-pick-confirm-button').click();
  const refusal = view.getByTestId('compare-pick-error');
  await expect(refusal).toHaveAttribute('data-code', 'unverified');
  await expect(refusal).toContainText('requires passing checks to merge, and its checks have not run');
  await shoot(page, 'unverified');
  await refusal.getByTestId('compare-pick-force').click();
  const result = view.getByTestId('compare-pick-result');
  await expect(result).toContainText(`Merged ${tasks[1]!.id} into main as `);
  await expect(result).toContainText(repo.git(['rev-parse', 'main']).slice(0, 10));
  expect(repo.git(['show', 'main:a.txt'])).toBe('hello');
});

test('built-in attempts judged, synthesized and picked: the base gets the winner, the others are archived', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const api = await flotilla.api();
  await api.call('settings/update', { judgeModel, concurrency: 1 });
  // Prices for the scripted models, so the judge's cost shows apart from the attempts'.
  for (const model of [judgeModel, attemptModel])
    await api.call('pricing/update', {
      model,
      price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, contextWindow: 200_000 },
    });
  const repo = flotilla.createRepo('judged', { 'README.md': '# judged\n' });
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  await api.call('repo/update', { repoId: added.id, settings: { verifyCommand: 'test -f answer.txt' } });
  const { tasks } = await api.call('task/create', {
    repoId: added.id,
    prompt: 'Write answer.txt with some lines.',
    agent: 'builtin',
    model: attemptModel,
    attempts: 3,
    judge: true,
  });
  const ids = tasks.map((task) => task.id);
  await flotilla.open(page);
  await openTask(page, ids[1]!);
  await page.getByTestId('thread-header').getByTestId('compare-attempts').click();
  const view = page.getByTestId('compare-view');
  const status = view.getByTestId('compare-ranking-status');
  const watching = await watchRankedAt(page);
  await expect(status).toHaveText(`Ranked by ${judgeModel}`, { timeout: 60_000 });
  await reportRankingLatency(page, watching, ids, testInfo);
  // The scripted judge ranks the last attempt first; each card says why.
  await expect(cards(page)).toHaveCount(3);
  expect(await cards(page).evaluateAll((list) => list.map((card) => (card as HTMLElement).dataset.taskId))).toEqual(
    [...ids].reverse(),
  );
  const best = cards(page).first();
  await expect(best.getByTestId('compare-verdict')).toHaveText('The best of the attempts.');
  await expect(best.getByTestId('compare-strengths')).toHaveText('Complete and careful');
  await expect(best.getByTestId('compare-verify')).toContainText('Verified');
  await expect(cards(page).nth(1).getByTestId('compare-risks')).toHaveText('Less thorough than the winner');
  await expect(view.getByTestId('compare-judge-cost')).toContainText("The judge's own use:");
  await expect(view.getByTestId('compare-spent')).toContainText(
    /^Group spent \$\S+ \(attempts \$\S+ \+ judge \$0\.0\d+/,
  );
  await expect(view.getByTestId('compare-spent')).toContainText('· the winner alone $');
  await expect(view.getByTestId('compare-pick-button')).toHaveText(`Pick ${ids[2]} and merge…`);
  await shoot(page, 'judged');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'judged-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Each attempt's diff is one click away, and Compare attempts brings the view back.
  await best.getByTestId('compare-open-diff').click();
  const review = page.getByTestId('review-panel');
  await expect(review).toBeVisible();
  await expect(review).toContainText('answer.txt');
  await expect(page.getByTestId('thread-header')).toContainText(ids[2]!);
  await page.getByTestId('thread-header').getByTestId('compare-attempts').click();
  await expect(status).toHaveText(`Ranked by ${judgeModel}`);

  // Synthesize: one more attempt joins the group, is checked, and is ranked with the others (first, by this judge).
  await view.getByTestId('compare-synthesize').click();
  await expect(cards(page)).toHaveCount(4);
  const synthesis = cards(page).filter({ has: page.getByTestId('compare-synthesis') });
  await expect(synthesis).toHaveCount(1);
  await expect(cards(page).first().getByTestId('compare-synthesis')).toBeVisible({ timeout: 60_000 });
  await expect(status).toHaveText(`Ranked by ${judgeModel}`);
  await expect(cards(page).first().getByTestId('compare-rank')).toHaveText('#1');
  const synthesisId = (await synthesis.getAttribute('data-task-id'))!;
  await expect(view.getByTestId('compare-spent')).not.toContainText('synthesis $0.00 ');
  await shoot(page, 'synthesized');

  // Pick the winner (preselected): its change lands on main, the three attempts are archived.
  await expect(view.getByTestId('compare-pick-button')).toHaveText(`Pick ${synthesisId} and merge…`);
  await view.getByTestId('compare-pick-button').click();
  await expect(view.getByTestId('compare-pick-confirm')).toContainText('archive the other 3 attempts');
  await view.getByTestId('compare-pick-confirm-button').click();
  await expect(view.getByTestId('compare-pick-result')).toContainText(`Merged ${synthesisId} into main`);
  expect(repo.git(['show', 'main:answer.txt'])).toBe('line 1\nline 2\nline 3\nline 4');
  for (const id of ids) expect((await api.call('task/get', { taskId: id })).task.status).toBe('discarded');
  await shoot(page, 'picked');

  // Any of them comes back from its card.
  await page
    .locator(`[data-testid="compare-attempt"][data-task-id="${ids[0]}"]`)
    .getByTestId('compare-restore')
    .click();
  await expect
    .poll(async () => (await api.call('task/get', { taskId: ids[0]! })).task.hasWorktree, { timeout: 30_000 })
    .toBe(true);
  await expect(page.locator(`[data-testid="compare-attempt"][data-task-id="${ids[0]}"]`)).not.toHaveClass(/discarded/);
});

test('a group stopped by its budget says so in the compare view, and ranks by the rule', async ({ page }) => {
  const api = await flotilla.api();
  const repo = flotilla.createRepo('budget', { 'README.md': '# budget\n' });
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  const { tasks } = await api.call('task/create', {
    repoId: added.id,
    prompt: 'spend 100 0.3\nsleep 300\nspend 100 0.3\nwrite a.txt x',
    agent: 'scripted',
    attempts: 2,
    costBudgetUsd: 1,
  });
  await flotilla.open(page);
  await openTask(page, tasks[0]!.id);
  await page.getByTestId('compare-attempts').click();
  const view = page.getByTestId('compare-view');
  await expect(view.getByTestId('compare-stopped')).toContainText("The group's budget stopped it:");
  await expect(view.getByTestId('compare-stopped')).toContainText("The group's budget of $1 was reached");
  await expect(view.getByTestId('compare-ranking-status')).toHaveText(`Ranked by the rule: ${rankingRule}`);
  await expect(view.getByTestId('compare-ranking-why')).toContainText('budget');
  await expect(view.getByTestId('compare-synthesize')).toBeDisabled();
  await expect(view.getByTestId('compare-pick')).toHaveText(
    'No attempt can be picked: none of them finished with changes.',
  );
  await shoot(page, 'stopped');
});
