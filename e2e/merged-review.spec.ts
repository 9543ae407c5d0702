import { expect, test } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { openReview, openTask, taskRow, waitForStatus } from './support/ui.js';

// Three attempts of one prompt: merge one, see its review after the merge, then clear away the others.
const flotilla = useFlotilla();

test('after merging one attempt, its review shows the merged change calmly and offers to discard the other attempts', async ({
  page,
}, testInfo) => {
  const repo = flotilla.createRepo('shop', { 'README.md': '# shop\n' });
  const api = await flotilla.api();
  const { repo: added } = await api.call('repo/add', { path: repo.path });
  const { tasks } = await api.call('task/create', {
    repoId: added.id,
    prompt: 'write answer.txt forty-two',
    agent: 'scripted',
    attempts: 3,
  });
  const [winner, ...others] = tasks.map((task) => task.id) as [string, string, string];
  await flotilla.open(page);
  for (const id of [winner, ...others]) await waitForStatus(page, id, 'done');

  await openTask(page, winner);
  let review = await openReview(page);
  await review.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByTestId('merge-dialog');
  await dialog.getByRole('button', { name: 'Merge into main' }).click();
  await expect(dialog.getByTestId('merge-result')).toContainText('Merged into main as');
  await expect(dialog.getByTestId('other-attempts')).toContainText('2 other attempts of this prompt were not merged:');
  await saveScreenshot(page, testInfo, 'merge-result-other-attempts');
  await dialog.getByRole('button', { name: 'Close the merge dialog' }).click();

  // The Review tab: the merged change under a calm banner, no git error, Discard off with its reason.
  review = page.getByTestId('review-panel');
  const banner = review.getByTestId('review-worktree-removed');
  await expect(banner).toContainText('Merged into main as');
  await expect(banner).toContainText('Below is the change that merge made.');
  await expect(banner).toContainText(
    'A follow-up message brings its worktree back from the branch and goes on there; merge again to land what it adds.',
  );
  await expect(review.getByTestId('diff-viewer')).toContainText('forty-two');
  await expect(review.getByTestId('review-totals')).toContainText('1 file changed');
  await expect(review.getByRole('alert')).toHaveCount(0);
  await expect(review.getByText('git diff')).toHaveCount(0);
  const discard = review.getByRole('button', { name: 'Discard…' });
  await expect(discard).toBeDisabled();
  await expect(discard).toHaveAttribute(
    'title',
    'Already merged into main: its change is there, so there is nothing to discard.',
  );
  for (const id of others)
    await expect(taskRow(page, id).getByTestId('task-status')).toHaveText('Another attempt was merged');
  await saveScreenshot(page, testInfo, 'merged-review');
  // Refresh reads it again the same way, still without an error.
  await review.getByRole('button', { name: 'Refresh the diff' }).click();
  await expect(review.getByTestId('review-totals')).toContainText('1 file changed');
  await expect(review.getByRole('alert')).toHaveCount(0);

  // The follow-up box says the same as the banner.
  await page.getByRole('tab', { name: 'Thread' }).click();
  await expect(page.getByTestId('follow-up-merged')).toHaveText(
    'Merged into main. A follow-up message brings its worktree back from the branch and goes on there; merge again to land what it adds.',
  );
  await page.getByRole('tab', { name: 'Review' }).click();

  const offer = review.getByTestId('other-attempts');
  await offer.getByRole('button', { name: 'Discard the other attempts…' }).click();
  await expect(offer.getByTestId('other-attempts-confirm')).toContainText('Their work is not in the merge.');
  await saveScreenshot(page, testInfo, 'merged-review-discard-others');
  await offer.getByRole('button', { name: 'Discard 2 attempts' }).click();
  await expect(review.getByTestId('other-attempts')).toHaveCount(0);
  for (const id of others) {
    const { task } = await api.call('task/get', { taskId: id });
    expect(task).toMatchObject({ status: 'discarded', archiveRef: `refs/flotilla/archive/${id}` });
    expect(repo.git(['show', `refs/flotilla/archive/${id}:answer.txt`])).toBe('forty-two');
  }
  expect(repo.git(['show', 'main:answer.txt'])).toBe('forty-two');
});
