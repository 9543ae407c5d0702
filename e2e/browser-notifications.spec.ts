import { expect, test } from '@playwright/test';
import { useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { dispatchTask, taskRow } from './support/ui.js';

// In a browser tab the window notifies by itself: it asks for permission when the user starts a
// task (not on load), tells of a task that finished while the tab was in the background, and a
// click on the notification brings the tab to that task. The browser's Notification is replaced by
// a recorder (headless Chromium shows none), and the test says when the user looks away.
const flotilla = useFlotilla();

interface Recorded {
  title: string;
  body: string;
}

test('a task that finishes while the tab is in the background notifies; the click opens it', async ({
  page,
}, testInfo) => {
  await page.addInitScript(() => {
    const state = { asked: 0, looking: true, shown: [] as { title: string; body: string; click(): void }[] };
    class RecordingNotification {
      // What the user granted stays granted across a reload, as in a real browser.
      static permission = (sessionStorage.getItem('recorded-permission') ?? 'default') as NotificationPermission;
      static async requestPermission(): Promise<NotificationPermission> {
        state.asked += 1;
        sessionStorage.setItem('recorded-permission', 'granted');
        RecordingNotification.permission = 'granted';
        return 'granted';
      }
      onclick: ((event: Event) => void) | null = null;
      constructor(title: string, options: NotificationOptions = {}) {
        state.shown.push({ title, body: options.body ?? '', click: () => this.onclick?.(new Event('click')) });
      }
      close() {}
    }
    Object.assign(window, { Notification: RecordingNotification, __notifications: state });
    document.hasFocus = () => state.looking;
  });
  const repo = flotilla.createRepo('notify', { 'a.txt': 'a\n' });
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  await flotilla.open(page);
  const recorded = () =>
    page.evaluate(
      () => (window as unknown as { __notifications: { asked: number; shown: Recorded[] } }).__notifications,
    );
  expect((await recorded()).asked).toBe(0);

  // Looking at the tab: the first task asks for permission, and its end shows nothing.
  const first = await dispatchTask(page, { prompt: 'First task\nwrite one.txt one\\n', agent: 'scripted' });
  await expect(taskRow(page, first)).toHaveAttribute('data-status', 'done');
  expect(await recorded()).toMatchObject({ asked: 1, shown: [] });

  // Away from the tab: the next task's end notifies, with its title and what it changed.
  await page.getByTestId('nav-overview').click();
  const second = await dispatchTask(page, {
    prompt: 'Second task\nsleep 1500\nwrite two.txt two\\n',
    agent: 'scripted',
  });
  await page.getByTestId('nav-overview').click();
  await page.evaluate(() => {
    (window as unknown as { __notifications: { looking: boolean } }).__notifications.looking = false;
  });
  await expect
    .poll(async () => (await recorded()).shown, { timeout: 30_000 })
    .toEqual([{ title: 'Finished: Second task', body: expect.stringContaining('1 file changed') }]);
  expect((await recorded()).asked).toBe(1);

  await page.evaluate(() =>
    (window as unknown as { __notifications: { shown: { click(): void }[] } }).__notifications.shown[0]?.click(),
  );
  await expect(taskRow(page, second)).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('thread-header')).toContainText('Second task');

  // Settings can turn them off.
  await page.getByRole('button', { name: 'Settings' }).click();
  const toggle = page.getByTestId('settings-browser-notifications');
  await expect(toggle).toBeChecked();
  await expect(page.getByTestId('settings-notification-permission')).toHaveText(
    'On: clicking a notification opens its task here.',
  );
  await toggle.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'settings-browser-notifications');
  await toggle.uncheck();
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(toggle).not.toBeChecked();
  await page.getByTestId('nav-overview').click();
  await page.evaluate(() => {
    (window as unknown as { __notifications: { looking: boolean } }).__notifications.looking = false;
  });
  const api = await flotilla.api();
  const repoId = (await api.call('repo/list', {})).repos[0]!.id;
  const third = (
    await api.call('task/create', { repoId, prompt: 'Third task\nwrite three.txt three\\n', agent: 'scripted' })
  ).tasks[0]!.id;
  await expect(taskRow(page, third)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  // Still granted by the browser, but turned off here: nothing shows.
  expect(await page.evaluate(() => Notification.permission)).toBe('granted');
  expect((await recorded()).shown).toEqual([]);
});
