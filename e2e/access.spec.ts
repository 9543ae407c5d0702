import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';

// Only the token `flotilla serve` printed opens the UI and the engine's socket.
const flotilla = useFlotilla();

/** The HTTP status a WebSocket upgrade to the engine gets, or 101 when it was accepted. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    socket.once('error', (error) => reject(error));
  });
}

test('a wrong token gets a 401 page that says which address to open, and no UI', async ({ page }, testInfo) => {
  const response = await page.goto(`${flotilla.serve.origin}/?token=not-the-token`);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'Flotilla needs its access token' })).toBeVisible();
  await expect(page.locator('body')).toContainText(
    'Open the address that flotilla serve printed when it started, including its ?token=… part.',
  );
  await expect(page.locator('code', { hasText: 'flotilla serve' }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome' })).toHaveCount(0);
  await saveScreenshot(page, testInfo, 'wrong-token');
});

test('no token at all gets the same 401', async ({ page }) => {
  const response = await page.goto(`${flotilla.serve.origin}/`);
  expect(response?.status()).toBe(401);
  await expect(page.getByText(/HTTP 401 Unauthorized/)).toBeVisible();
});

test('the engine refuses a WebSocket with a wrong token, from the page and from outside', async ({ page }) => {
  const wsOrigin = flotilla.serve.origin.replace('http:', 'ws:');
  expect(await upgradeStatus(`${wsOrigin}/?token=not-the-token`)).toBe(401);
  expect(await upgradeStatus(`${wsOrigin}/`)).toBe(401);
  // The right token from another site's page is refused too.
  expect(
    await upgradeStatus(`${wsOrigin}/?token=${encodeURIComponent(flotilla.serve.token)}`, {
      origin: 'http://evil.example',
    }),
  ).toBe(403);
  expect(await upgradeStatus(`${wsOrigin}/?token=${encodeURIComponent(flotilla.serve.token)}`)).toBe(101);

  // In the browser, a refused socket closes without ever opening.
  await flotilla.open(page);
  const outcome = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url);
        socket.onopen = () => resolve('opened');
        socket.onclose = (event) => resolve(`closed ${event.code}`);
      }),
    `${wsOrigin}/?token=not-the-token`,
  );
  expect(outcome).toBe('closed 1006');
});

test('a page holding a stale token shows how to get back in instead of the app', async ({ page }, testInfo) => {
  await flotilla.open(page);
  // The token left the address bar and lives in the tab; make it one the engine no longer accepts.
  expect(page.url()).not.toContain('token=');
  await page.evaluate(() => sessionStorage.setItem('flotilla.token', 'an-old-token'));
  await page.goto(`${flotilla.serve.origin}/`);
  const notice = page.getByRole('alert');
  await expect(notice.getByRole('heading', { name: 'Flotilla needs its access token' })).toBeVisible();
  await expect(notice).toContainText('The engine refused this page’s token');
  await expect(page.getByTestId('new-task-button')).toHaveCount(0);
  await saveScreenshot(page, testInfo, 'stale-token');
});
