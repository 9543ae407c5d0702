import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { repoRoot } from '../../testing/flotilla-process.js';

/** Where the named screenshots of the main views go (inside Playwright's output folder). */
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/**
 * Saves a screenshot of what the page shows now, as `test-results/screenshots/<name>.png` and as
 * an attachment of the running test, so a person can look at every main view after a run.
 */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  // Let fonts and the last frame settle, so the picture shows what a person would see.
  await page.evaluate(() =>
    document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null)))),
  );
  const body = await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}
