import type { AutomationRun } from '../../../shared/automation.js';
import type { ThreadEvent } from '../../../shared/events.js';
import { inboxNotificationFor } from '../../../shared/inbox-notification.js';
import { isNotable, notificationFor, type NotifiedTask } from '../../../shared/notification-policy.js';
import type { Task } from '../../../shared/task.js';

/** The store, as far as the browser notifier reads and drives it. */
export interface BrowserNotifierStore {
  getState(): {
    browserNotifications: boolean;
    tasks: Record<string, Pick<Task, 'title' | 'changes' | 'lastVerify'> | undefined>;
    automations: Record<string, { name: string } | undefined>;
    closeComposer(): void;
    selectTask(taskId: string): void;
    showView(view: 'inbox'): void;
    markInbox(runId: string, state: 'read'): Promise<void>;
    setNotifier(notifier: BrowserNotifier): void;
  };
}

/** The parts of the browser's Notification API the notifier uses (a fake one in tests). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (
    title: string,
    options?: NotificationOptions,
  ): Pick<Notification, 'close'> & { onclick: ((event: Event) => void) | null };
}

/** What the browser notifier needs from the page and the store. */
export interface BrowserNotifierDeps {
  /** The page's Notification API; undefined where the browser has none. */
  api: NotificationApi | undefined;
  /** The page, to tell whether the user is looking at it and to bring it to the front. */
  page: { document: Pick<Document, 'visibilityState' | 'hasFocus'>; focus(): void };
  /** Whether the user left notifications on (Settings). */
  enabled(): boolean;
  /** What the window knows of a task: its title and what it changed. */
  task(taskId: string): NotifiedTask | null;
  /** Shows a task's thread. */
  openTask(taskId: string): void;
  /** An automation's name (its id when unknown). */
  automationName?(automationId: string): string;
  /** Opens an inbox run's task and marks the run read, or with null shows the inbox. */
  openInbox?(run: { runId: string; taskId: string | null } | null): void;
  /**
   * Runs `flush` once new inbox runs stop arriving for a moment, so runs that settle together make one notification
   * (default: 400 ms after the first).
   */
  gather?(flush: () => void): void;
}

/** Notifications in a browser tab: the ones the desktop app shows, with the same words. */
export interface BrowserNotifier {
  /** Shows a notification for each notable event while the user is not looking at the page. */
  notify(events: readonly ThreadEvent[]): void;
  /** Shows one notification for runs that reached the inbox unread (several arriving together make one). */
  notifyInbox(runs: readonly AutomationRun[]): void;
  /**
   * Asks the browser for permission the first time the user starts a task (never on load: a
   * prompt out of nowhere gets dismissed, and browsers then block it). Call from the user's action.
   */
  askOnDispatch(): void;
  /** What the browser allows now ('unsupported' where it has no notifications). */
  permission(): NotificationPermission | 'unsupported';
  /** Asks the browser now (the user turned notifications on in Settings); resolves with its answer. */
  requestPermission(): Promise<NotificationPermission | 'unsupported'>;
}

/** True while the user is looking at the page: it is visible and has the keyboard focus. */
export function pageLooked(page: BrowserNotifierDeps['page']): boolean {
  return page.document.visibilityState === 'visible' && page.document.hasFocus();
}

/** Creates the browser notifier. */
export function createBrowserNotifier(deps: BrowserNotifierDeps): BrowserNotifier {
  let asked = false;
  let gathered: AutomationRun[] | null = null;
  const gather = deps.gather ?? ((flush: () => void) => void setTimeout(flush, 400));
  const flushInbox = () => {
    const runs = gathered ?? [];
    gathered = null;
    const api = deps.api;
    if (!api || api.permission !== 'granted' || !deps.enabled()) return;
    const content = inboxNotificationFor(runs, deps.automationName ?? ((id) => id), pageLooked(deps.page));
    if (!content) return;
    const notification = new api(content.title, { body: content.body, tag: 'flotilla-inbox' });
    notification.onclick = () => {
      deps.page.focus();
      deps.openInbox?.(content.kind === 'run' ? { runId: content.runId, taskId: content.taskId } : null);
      notification.close();
    };
  };
  return {
    notify(events) {
      const api = deps.api;
      if (!api || api.permission !== 'granted' || !deps.enabled()) return;
      for (const event of events) {
        if (!isNotable(event)) continue;
        const content = notificationFor(event, deps.task(event.taskId), pageLooked(deps.page));
        if (!content) continue;
        // One notification per task: a newer one about the same task replaces the older.
        const notification = new api(content.title, { body: content.body, tag: `flotilla-task-${content.taskId}` });
        notification.onclick = () => {
          deps.page.focus();
          deps.openTask(content.taskId);
          notification.close();
        };
      }
    },
    notifyInbox(runs) {
      if (runs.length === 0) return;
      if (gathered) {
        gathered.push(...runs);
        return;
      }
      gathered = [...runs];
      gather(flushInbox);
    },
    askOnDispatch() {
      const api = deps.api;
      if (asked || !api || api.permission !== 'default' || !deps.enabled()) return;
      asked = true;
      // A refusal is the user's answer, not an error; Settings tells how to change it.
      api.requestPermission().catch(() => undefined);
    },
    permission: () => deps.api?.permission ?? 'unsupported',
    async requestPermission() {
      if (!deps.api) return 'unsupported';
      asked = true;
      return deps.api.permission === 'default'
        ? deps.api.requestPermission().catch(() => deps.api?.permission ?? 'default')
        : deps.api.permission;
    },
  };
}

/**
 * In a browser tab (not the desktop app, whose main process notifies): shows the notifications of
 * the events the engine streams while the user looks elsewhere; a click brings the tab to the
 * front on the task. Returns the function that stops it.
 */
export function notifyInBrowser(
  store: BrowserNotifierStore,
  subscribe: (listener: (events: readonly ThreadEvent[]) => void) => () => void,
  page: Window,
): () => void {
  const api = (page as Window & { Notification?: NotificationApi }).Notification;
  const notifier = createBrowserNotifier({
    api,
    page,
    enabled: () => store.getState().browserNotifications,
    task(taskId) {
      const task = store.getState().tasks[taskId];
      return task ? { title: task.title, changes: task.changes, lastVerify: task.lastVerify } : null;
    },
    openTask(taskId) {
      const state = store.getState();
      state.closeComposer();
      state.selectTask(taskId);
    },
    automationName: (automationId) => store.getState().automations[automationId]?.name ?? automationId,
    openInbox(run) {
      const state = store.getState();
      state.closeComposer();
      if (run?.taskId) {
        state.selectTask(run.taskId);
        void state.markInbox(run.runId, 'read').catch(() => undefined);
      } else state.showView('inbox');
    },
  });
  store.getState().setNotifier(notifier);
  // Subscribed after the store, so a task's title and change count are up to date when it notifies.
  return subscribe((events) => notifier.notify(events));
}
