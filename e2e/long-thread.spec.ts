import { expect, test } from '@playwright/test';
import { createTempRepo } from '../testing/engine/temp-repo.js';
import { generateThreads, type GeneratedThread } from '../bench/generate-threads.js';
import { useFlotilla } from './support/flotilla-fixture.js';

// A stored thread of 12,000 events (six pages): the window opens it at its end, and scrolling up brings the
// earlier pages in, one at a time, back to its first turn.
const thread: GeneratedThread = {
  taskId: 'longthread',
  title: 'A long thread',
  events: 12_000,
  status: 'done',
  lastMessage: 'The very last thing the agent said.',
};

const flotilla = useFlotilla({
  seedHome(home, root) {
    const repo = createTempRepo({ 'README.md': '# long\n' }, root, 'repo');
    generateThreads({ home, repoPath: repo.path, baseCommit: repo.git(['rev-parse', 'HEAD']) }, [thread]);
  },
});

test('a long thread opens at its last message and loads earlier messages as the user scrolls up', async ({ page }) => {
  await flotilla.open(page);
  await page.locator(`[data-testid="task-row"][data-task-id="${thread.taskId}"]`).click();
  const scroller = page.getByTestId('thread');
  await expect(scroller).toContainText(thread.lastMessage);
  const earlier = page.getByTestId('thread-earlier');
  await expect(earlier).toContainText('Earlier activity — scroll up to load');
  await expect(scroller).not.toContainText('Follow-up 2: keep going with part 2.');

  // One scroll to the top brings one page in, and the rows the user was looking at stay on screen.
  const canvas = scroller.locator('.thread-canvas');
  const height = await canvas.evaluate((element) => element.getBoundingClientRect().height);
  await scroller.evaluate((element) => (element.scrollTop = 0));
  await expect.poll(() => canvas.evaluate((element) => element.getBoundingClientRect().height)).toBeGreaterThan(height);
  expect(await scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(1_000);
  await expect(earlier).toBeVisible();

  // Scrolling up again and again reaches the thread's first event (its first words, row 0), and the row above goes.
  await expect(async () => {
    await scroller.evaluate((element) => (element.scrollTop = 0));
    await expect(earlier).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await scroller.evaluate((element) => (element.scrollTop = 0));
  await expect(scroller.locator('.thread-row[data-index="0"]')).toContainText('the agent reads the code');
  await expect(scroller.locator('.thread-row[data-index="1"]')).toContainText('src/module-0.ts');
  await expect(scroller).not.toContainText(thread.lastMessage);
});
