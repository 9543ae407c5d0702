// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ThreadEvent } from '../../../shared/events.js';
import { useStore } from '../store/store.js';
import { loadStore, sampleRepo } from '../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../testing/renderer/events.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { NotificationsSection } from '../views/settings/notifications-section.js';
import { createBrowserNotifier, notifyInBrowser, type NotificationApi } from './browser-notifier.js';

/** A stand-in for the browser's Notification: records what was shown and what was asked. */
function fakeNotificationApi(permission: NotificationPermission) {
  const shown: FakeNotification[] = [];
  const answer = vi.fn<() => Promise<NotificationPermission>>(async () => 'granted');
  class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestPermission = async () => {
      FakeNotification.permission = await answer();
      return FakeNotification.permission;
    };
    onclick: ((event: Event) => void) | null = null;
    closed = false;
    constructor(
      readonly title: string,
      readonly options: NotificationOptions = {},
    ) {
      shown.push(this);
    }
    close() {
      this.closed = true;
    }
  }
  return {
    api: FakeNotification as unknown as NotificationApi & { permission: NotificationPermission },
    shown,
    answer,
  };
}

/** A page whose visibility and focus the test sets. */
function fakePage(visibilityState: DocumentVisibilityState, focused: boolean) {
  return { document: { visibilityState, hasFocus: () => focused }, focus: vi.fn() };
}

const base = { taskId: 't1', seq: 7, at: '2026-01-01T00:00:00.000Z' };
const done: ThreadEvent = { ...base, type: 'status.changed', status: 'done', previous: 'running', message: null };
const failed: ThreadEvent = {
  ...base,
  type: 'status.changed',
  status: 'failed',
  previous: 'running',
  message: 'npm test exited with 1',
};
const approval: ThreadEvent = {
  ...base,
  type: 'approval.requested',
  requestId: 'r1',
  tool: 'bash',
  input: {},
  summary: 'npm install left-pad',
};
const running: ThreadEvent = { ...base, type: 'status.changed', status: 'running', previous: 'queued', message: null };
const task = { title: 'Fix the login bug', changes: { files: 2, additions: 10, deletions: 1 } };

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('notifications in a browser tab', () => {
  it('say what the desktop app says, for finished, failed and waiting tasks, only while the user looks elsewhere', () => {
    const { api, shown } = fakeNotificationApi('granted');
    const page = fakePage('hidden', false);
    const notifier = createBrowserNotifier({ api, page, enabled: () => true, task: () => task, openTask: vi.fn() });
    notifier.notify([running, done, failed, approval]);
    expect(shown.map((n) => [n.title, n.options.body])).toEqual([
      ['Finished: Fix the login bug', '2 files changed: 10 lines added, 1 removed. Review them and merge or discard.'],
      ['Failed: Fix the login bug', 'npm test exited with 1'],
      ['Approval needed: Fix the login bug', 'bash: npm install left-pad'],
    ]);
    // One per task: the browser replaces an older notification of the same task.
    expect(new Set(shown.map((n) => n.options.tag))).toEqual(new Set(['flotilla-task-t1']));

    // Visible but another window has the focus: still notified. Visible and focused: quiet.
    page.document.visibilityState = 'visible';
    notifier.notify([done]);
    expect(shown).toHaveLength(4);
    page.document.hasFocus = () => true;
    notifier.notify([done, failed, approval]);
    expect(shown).toHaveLength(4);
  });

  it('show nothing without permission or when turned off', () => {
    for (const permission of ['default', 'denied'] as const) {
      const { api, shown } = fakeNotificationApi(permission);
      createBrowserNotifier({
        api,
        page: fakePage('hidden', false),
        enabled: () => true,
        task: () => task,
        openTask: vi.fn(),
      }).notify([done]);
      expect(shown).toEqual([]);
    }
    const { api, shown } = fakeNotificationApi('granted');
    createBrowserNotifier({
      api,
      page: fakePage('hidden', false),
      enabled: () => false,
      task: () => task,
      openTask: vi.fn(),
    }).notify([done]);
    expect(shown).toEqual([]);
    // No Notification API at all (an old browser, an insecure origin): nothing breaks.
    expect(() =>
      createBrowserNotifier({
        api: undefined,
        page: fakePage('hidden', false),
        enabled: () => true,
        task: () => task,
        openTask: vi.fn(),
      }).notify([done]),
    ).not.toThrow();
  });

  it('ask for permission on the first task started, not on load, and only once; then notify from the event stream', async () => {
    const { api, answer, shown } = fakeNotificationApi('default');
    const client = scriptedClient({ 'task/create': () => ({ tasks: [] }), 'task/events': () => ({ events: [] }) });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 't1', title: 'Fix the login bug' })]);
    const stop = notifyInBrowser(useStore, client.subscribe, Object.assign(window, { Notification: api }));
    expect(answer).not.toHaveBeenCalled();
    await useStore.getState().createTasks({ repoId: sampleRepo().id, prompt: 'Do it' });
    await useStore.getState().createTasks({ repoId: sampleRepo().id, prompt: 'Do it again' });
    expect(answer).toHaveBeenCalledTimes(1);
    expect(api.permission).toBe('granted');

    // The tab is in the background: the task's title comes from the store.
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    const focus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    useStore.getState().openComposer();
    client.emit([done]);
    expect(shown.map((n) => n.title)).toEqual(['Finished: Fix the login bug']);
    const toFront = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    shown[0]?.onclick?.(new Event('click'));
    expect(toFront).toHaveBeenCalled();
    expect(useStore.getState()).toMatchObject({ view: 'task', selectedTaskId: 't1', composerOpen: false });
    stop();
    client.emit([failed]);
    expect(shown).toHaveLength(1);
    for (const spy of [visibility, focus, toFront]) spy.mockRestore();
  });

  it('bring the tab to the front on the task when clicked', () => {
    const { api, shown } = fakeNotificationApi('granted');
    const page = fakePage('hidden', false);
    const openTask = vi.fn();
    createBrowserNotifier({ api, page, enabled: () => true, task: () => null, openTask }).notify([approval]);
    expect(shown[0]?.title).toBe('Approval needed: Task t1');
    shown[0]?.onclick?.(new Event('click'));
    expect(page.focus).toHaveBeenCalled();
    expect(openTask).toHaveBeenCalledWith('t1');
    expect(shown[0]?.closed).toBe(true);
  });

  it('can be turned off in Settings, and the choice is remembered', () => {
    const { api, shown } = fakeNotificationApi('granted');
    loadStore(scriptedClient({}), [sampleRepo()]);
    const page = fakePage('hidden', false);
    const notifier = createBrowserNotifier({
      api,
      page,
      enabled: () => useStore.getState().browserNotifications,
      task: () => task,
      openTask: vi.fn(),
    });
    useStore.getState().setNotifier(notifier);
    render(<NotificationsSection />);
    const box = screen.getByTestId<HTMLInputElement>('settings-browser-notifications');
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    expect(box.checked).toBe(false);
    expect(localStorage.getItem('flotilla.browserNotificationsOff')).toBe('true');
    notifier.notify([done]);
    expect(shown).toEqual([]);
    fireEvent.click(box);
    notifier.notify([done]);
    expect(shown).toHaveLength(1);
  });
});

beforeEach(() => {
  useStore.setState({ browserNotifications: true, notifier: null });
});
