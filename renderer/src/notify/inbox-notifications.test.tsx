// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AutomationRun } from '../../../shared/automation.js';
import { useStore } from '../store/store.js';
import { loadStore, sampleRepo } from '../../../testing/renderer/app-state.js';
import { sampleAutomation, sampleRun } from '../../../testing/renderer/automation-fixtures.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { createBrowserNotifier, type BrowserNotifier, type NotificationApi } from './browser-notifier.js';

interface Shown {
  title: string;
  options: NotificationOptions;
  onclick: ((event: Event) => void) | null;
}

function fakeApi() {
  const shown: Shown[] = [];
  class FakeNotification {
    static permission: NotificationPermission = 'granted';
    static requestPermission = async () => 'granted' as const;
    onclick: ((event: Event) => void) | null = null;
    constructor(
      readonly title: string,
      readonly options: NotificationOptions = {},
    ) {
      shown.push(this);
    }
    close() {}
  }
  return { api: FakeNotification as unknown as NotificationApi, shown };
}

/** A notifier whose gathering the test ends by hand (the page does it a moment after the first run). */
function setUp(focused = false) {
  const { api, shown } = fakeApi();
  let flush: (() => void) | null = null;
  const openInbox = vi.fn();
  const notifier = createBrowserNotifier({
    api,
    page: { document: { visibilityState: focused ? 'visible' : 'hidden', hasFocus: () => focused }, focus: vi.fn() },
    enabled: () => true,
    task: () => null,
    openTask: vi.fn(),
    automationName: (id) => ({ a1: 'review', a2: 'deps' })[id] ?? id,
    openInbox,
    gather: (done) => {
      flush = done;
    },
  });
  return { notifier, shown, openInbox, flush: () => flush?.() };
}

const run = (id: string, automationId = 'a1'): AutomationRun =>
  sampleRun({ id, automationId, inbox: 'unread', outcome: '2 files changed', taskIds: [`task-${id}`] });

afterEach(() => useStore.setState(useStore.getInitialState(), true));

describe('notifications of new inbox runs', () => {
  it('say what one run came to and why it fired; a click opens its task', () => {
    const { notifier, shown, openInbox, flush } = setUp();
    notifier.notifyInbox([run('r1')]);
    expect(shown).toHaveLength(0);
    flush();
    expect(shown.map((n) => [n.title, n.options.body])).toEqual([
      ['Inbox: review', '2 files changed · new commit 1a2b3c4 on main: Add the login page'],
    ]);
    shown[0]!.onclick?.(new Event('click'));
    expect(openInbox).toHaveBeenCalledWith({ runId: 'r1', taskId: 'task-r1' });
  });

  it('group runs that arrive together into one, naming their automations; a click opens the inbox', () => {
    const { notifier, shown, openInbox, flush } = setUp();
    notifier.notifyInbox([run('r1')]);
    notifier.notifyInbox([run('r2')]);
    notifier.notifyInbox([run('r3', 'a2')]);
    flush();
    expect(shown.map((n) => [n.title, n.options.body])).toEqual([
      ['3 new in the inbox', 'From review (2), deps. Open the inbox to review them.'],
    ]);
    shown[0]!.onclick?.(new Event('click'));
    expect(openInbox).toHaveBeenCalledWith(null);

    // The next arrival starts a new group.
    notifier.notifyInbox([run('r4')]);
    flush();
    expect(shown.map((n) => n.title)).toEqual(['3 new in the inbox', 'Inbox: review']);
  });

  it('show nothing while the user looks at the page', () => {
    const { notifier, shown, flush } = setUp(true);
    notifier.notifyInbox([run('r1'), run('r2')]);
    flush();
    expect(shown).toHaveLength(0);
  });
});

describe('which engine changes notify', () => {
  function storeWithNotifier() {
    const client = scriptedClient({});
    loadStore(client, [sampleRepo()]);
    const notifyInbox = vi.fn<BrowserNotifier['notifyInbox']>();
    useStore.setState({
      automations: { a1: sampleAutomation() },
      notifier: { notifyInbox } as unknown as BrowserNotifier,
    });
    return notifyInbox;
  }

  it('a run that reaches the inbox unread does, once; one archived at once, or marked unread again, does not', () => {
    const notifyInbox = storeWithNotifier();
    const { ingestChange } = useStore.getState();
    ingestChange({ type: 'automation.ran', run: sampleRun({ id: 'r1', inbox: null }) });
    ingestChange({ type: 'automation.ran', run: sampleRun({ id: 'r1', inbox: 'unread', outcome: '1 file changed' }) });
    ingestChange({ type: 'automation.ran', run: sampleRun({ id: 'r2', inbox: 'archived' }) });
    ingestChange({ type: 'automation.ran', run: sampleRun({ id: 'r1', inbox: 'read' }) });
    ingestChange({ type: 'automation.ran', run: sampleRun({ id: 'r1', inbox: 'unread' }) });
    expect(notifyInbox.mock.calls.map(([runs]) => runs.map((one) => one.id))).toEqual([['r1']]);
  });
});
