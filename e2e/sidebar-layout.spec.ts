import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createTempRepo } from '../testing/engine/temp-repo.js';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { seedTasks, type SeededTask } from './support/seed-tasks.js';

// Many tasks with long titles and every kind of status and label (checks too): at a wide and at a narrow window
// the sidebar never scrolls sideways, and no status word or label is cut, in the sidebar or on the
// overview's cards.
const longTitles = [
  'Refactor the billing module so invoices and credit notes share one rounding rule everywhere',
  'Write the release notes for version 4.2 including the migration guide for plugin authors',
  'Fix the flaky login test that times out on the second retry under heavy CPU load',
  'Supercalifragilisticexpialidocious_identifier_renamed_across_the_whole_code_base_without_spaces',
  'Add a dark theme',
  'Upgrade every dependency and make the type checker happy again after the major bumps',
];
const statuses: SeededTask['status'][] = ['done', 'merged', 'failed', 'stopped'];
const seeded: SeededTask[] = Array.from({ length: 16 }, (_, index) => ({
  id: `seed${String(index).padStart(4, '0')}`,
  title: `${longTitles[index % longTitles.length]} (${index + 1})`,
  status: statuses[index % statuses.length]!,
  unsandboxed: index % 2 === 0,
  costUsd: index % 3 === 0 ? 12.3456 : 0,
  changes: { files: 3 + index, additions: 1234 + index, deletions: 567 },
  verify: (['failed', 'passed', 'stale'] as const)[index % 3],
}));

const flotilla = useFlotilla({
  seedHome(home, root) {
    const repo = createTempRepo(
      { 'README.md': '# a repository with a rather long name\n' },
      root,
      'a-repository-with-a-rather-long-name-indeed',
    );
    seedTasks(home, { path: repo.path, baseCommit: repo.git(['rev-parse', 'HEAD']) }, seeded);
  },
});

/** Elements in `scope` whose text is cut (scrolls inside) or that stick out of `container`'s box. */
function clipped(scope: Locator, selector: string, container: string): Promise<string[]> {
  return scope.evaluate(
    (root, [selector, container]) => {
      const bad: string[] = [];
      for (const element of root.querySelectorAll<HTMLElement>(selector)) {
        const box = element.closest<HTMLElement>(container);
        if (!box || element.getClientRects().length === 0) continue;
        const own = element.getBoundingClientRect();
        const outer = box.getBoundingClientRect();
        const cut =
          element.scrollWidth > element.clientWidth + 1 || own.right > outer.right + 0.5 || own.left < outer.left - 0.5;
        if (cut)
          bad.push(
            `${element.textContent ?? ''} (${Math.round(own.left)}–${Math.round(own.right)} in ${Math.round(outer.left)}–${Math.round(outer.right)})`,
          );
      }
      return bad;
    },
    [selector, container] as const,
  );
}

async function expectNoSidewaysScroll(page: Page, selector: string): Promise<void> {
  const sizes = await page
    .locator(selector)
    .evaluateAll((elements) =>
      elements.map((element) => ({ scroll: element.scrollWidth, client: element.clientWidth })),
    );
  expect(sizes.length).toBeGreaterThan(0);
  for (const size of sizes) expect(size.scroll).toBeLessThanOrEqual(size.client);
}

for (const width of [1280, 800]) {
  test(`at ${width} px the sidebar and the overview cards keep every status and label whole`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height: 800 });
    const repoPath = join(flotilla.root, 'a-repository-with-a-rather-long-name-indeed');
    const api = await flotilla.api();
    const { repos } = await api.call('repo/list', {});
    const repoId = repos.find((repo) => repo.path === repoPath)!.id;
    // Two live tasks too, so the overview's grid of working agents has cards.
    if (width === 1280) {
      for (const title of longTitles.slice(0, 2)) {
        await api.call('task/create', {
          repoId,
          prompt: `${title} (live)\n${Array.from({ length: 240 }, () => 'sleep 500').join('\n')}`,
          agent: 'scripted',
        });
      }
    }
    await flotilla.open(page);
    const sidebar = page.locator('.sidebar');
    await expect(sidebar.getByTestId('task-row')).toHaveCount(seeded.length + 2);
    await expect(sidebar.locator('[data-testid="task-status"][data-status="merged"]').first()).toHaveText('Merged');
    await expect(sidebar.getByText('unsandboxed').first()).toBeVisible();
    await expect(sidebar.locator('[data-testid="task-verify"][data-verify="failed"]').first()).toHaveText(
      '✗ Failed verification',
    );

    await expectNoSidewaysScroll(page, '.sidebar, .sidebar-list');
    expect(await clipped(sidebar, '[data-testid="task-status"], .status-text, .meta-item', '.task-row')).toEqual([]);
    await saveScreenshot(page, testInfo, `sidebar-many-tasks-${width}`);

    await page.getByTestId('nav-overview').click();
    const overview = page.getByRole('region', { name: 'Overview' });
    await expect(overview.getByTestId('overview-card').first()).toBeVisible();
    await expect(page.getByTestId('overview-recent').locator('[data-testid="task-status"]').first()).toBeVisible();
    await expectNoSidewaysScroll(page, '.sidebar, .sidebar-list, .overview-card');
    expect(await clipped(overview, '[data-testid="task-status"], .status-text, .meta-item', '.overview-card')).toEqual(
      [],
    );
    await saveScreenshot(page, testInfo, `overview-many-tasks-${width}`);
  });
}
