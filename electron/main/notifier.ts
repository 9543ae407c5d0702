import { Notification } from 'electron';
import type { ThreadEvent } from '../../shared/events.js';
import { notificationFor, type NotifiedTask } from '../../shared/notification-policy.js';

/**
 * What notifications need: whether the user is looking at the window, what is known of a task, and how to open a task.
 */
export interface NotifierDeps {
  windowFocused(): boolean;
  task(taskId: string): Promise<NotifiedTask | null>;
  openTask(taskId: string): void;
}

/** Shows a desktop notification for a notable thread event; clicking it opens the task in the window. */
export function createNotifier(deps: NotifierDeps): (event: ThreadEvent) => Promise<void> {
  // Notifications that are garbage-collected lose their click handler on some platforms.
  const shown = new Set<Notification>();
  return async (event) => {
    if (!Notification.isSupported() || deps.windowFocused()) return;
    const content = notificationFor(event, await deps.task(event.taskId).catch(() => null), deps.windowFocused());
    if (!content) return;
    const notification = new Notification({ title: content.title, body: content.body, silent: false });
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      deps.openTask(content.taskId);
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  };
}
