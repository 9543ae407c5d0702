import { expect, test } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { dispatchTask, openReview, taskRow, waitForStatus } from './support/ui.js';

// A task whose agent changed nothing says "No changes" (not a green Done), is not up for review, and cannot be merged.
const flotilla = useFlotilla();

test('a done task that changed nothing shows "No changes" everywhere, stays out of review, and Merge says why it is off', async ({
  page,
}, testInfo) => {
  const repo = flotilla.createRepo('app', { 'README.md': '# app\n' });
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  await flotilla.open(page);
  const idle = await dispatchTask(page, {
    prompt: 'Check the readme\nsay The readme is fine; nothing to change.\nwrite ../outside.txt escape',
    agent: 'scripted',
  });
  await waitForStatus(page, idle, 'done');
  const edited = await dispatchTask(page, { prompt: 'Add notes\nwrite notes.txt hello', agent: 'scripted' });
  await waitForStatus(page, edited, 'done');

  // Sidebar: neutral "No changes" beside a green Done.
  const idleStatus = taskRow(page, idle).getByTestId('task-status');
  await expect(idleStatus).toHaveText('No changes');
  await expect(idleStatus).toHaveClass(/status-muted/);
  await expect(taskRow(page, edited).getByTestId('task-status')).toHaveText('Done');
  await expect(taskRow(page, edited).getByTestId('task-status')).toHaveClass(/status-good/);

  // "Ready for review" leaves it out; "No changes" lists it.
  const filter = page.getByTestId('sidebar-filter');
  await filter.selectOption('review');
  await expect(taskRow(page, edited)).toBeVisible();
  await expect(taskRow(page, idle)).toHaveCount(0);
  await filter.selectOption('noChanges');
  await expect(taskRow(page, idle)).toBeVisible();
  await expect(taskRow(page, edited)).toHaveCount(0);
  await filter.selectOption('all');

  // Thread header, then the review: Merge is off and says why.
  await taskRow(page, idle).click();
  await expect(page.getByTestId('thread-header').getByTestId('task-status')).toHaveText('No changes');
  await saveScreenshot(page, testInfo, 'no-changes-thread');
  await openReview(page);
  await expect(page.getByTestId('review-merge')).toBeDisabled();
  await expect(page.getByTestId('merge-disabled-reason')).toHaveText(
    'Nothing to merge: this task changed no files against its base.',
  );
  await saveScreenshot(page, testInfo, 'no-changes-review');

  // Overview: the finished card says it too.
  await page.getByTestId('nav-overview').click();
  const card = page.locator(`[data-testid="recent-card"][data-task-id="${idle}"]`);
  await expect(card.getByTestId('task-status')).toHaveText('No changes');
  await expect(
    page.locator(`[data-testid="recent-card"][data-task-id="${edited}"]`).getByTestId('task-status'),
  ).toHaveText('Done');
  await saveScreenshot(page, testInfo, 'no-changes-overview');
});
