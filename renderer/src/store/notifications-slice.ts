import type { BrowserNotifier } from '../notify/browser-notifier.js';
import type { Slice } from './slice.js';

const offKey = 'flotilla.browserNotificationsOff';

/** Notifications of the browser window (the desktop app has its own, in the main process). */
export interface NotificationsSlice {
  /** Whether the user wants notifications in this browser (remembered; on by default). */
  browserNotifications: boolean;
  /** The browser window's notifier; null in the desktop app and in tests that do not set one. */
  notifier: BrowserNotifier | null;
  setBrowserNotifications(on: boolean): void;
  setNotifier(notifier: BrowserNotifier): void;
}

/** Creates the notifications slice. */
export const createNotificationsSlice: Slice<NotificationsSlice> = (set) => ({
  browserNotifications: !readOff(),
  notifier: null,
  setBrowserNotifications(on) {
    try {
      if (on) localStorage.removeItem(offKey);
      else localStorage.setItem(offKey, 'true');
    } catch {
      // Storage can be off (private mode); the choice then lasts for this page only.
    }
    set({ browserNotifications: on });
  },
  setNotifier(notifier) {
    set({ notifier });
  },
});

function readOff(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(offKey) === 'true';
  } catch {
    return false;
  }
}
