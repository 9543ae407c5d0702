import { Notification } from 'electron';
import type { AutomationRun } from '../../shared/automation.js';
import { inboxNotificationFor } from '../../shared/inbox-notification.js';

/** What inbox notifications need: whether the user is looking, automations' names, and how to open what was clicked. */
export interface InboxNotifierDeps {
  windowFocused(): boolean;
  /** The names of automations by id (asked once per notification). */
  automationNames(): Promise<Map<string, string>>;
  /** Opens one run's task (and marks the run read), or with null the inbox. */
  open(run: { runId: string; taskId: string | null } | null): void;
  /** How long to wait for more runs to arrive after the first, so runs settling together make one notification. */
  gatherMs?: number;
}

/** Shows one desktop notification per batch of runs that reached the inbox unread; a click opens the run or inbox. */
export function createInboxNotifier(deps: InboxNotifierDeps): (run: AutomationRun) => void {
  // Notifications that are garbage-collected lose their click handler on some platforms.
  const shown = new Set<Notification>();
  let gathered: AutomationRun[] | null = null;
  const flush = async () => {
    const runs = gathered ?? [];
    gathered = null;
    if (!Notification.isSupported()) return;
    const names = await deps.automationNames().catch(() => new Map<string, string>());
    const content = inboxNotificationFor(runs, (id) => names.get(id) ?? id, deps.windowFocused());
    if (!content) return;
    const notification = new Notification({ title: content.title, body: content.body, silent: false });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      deps.open(content.kind === 'run' ? { runId: content.runId, taskId: content.taskId } : null);
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  };
  return (run) => {
    if (gathered) {
      gathered.push(run);
      return;
    }
    gathered = [run];
    setTimeout(() => void flush(), deps.gatherMs ?? 400);
  };
}
