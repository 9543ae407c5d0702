import { useState } from 'react';
import { useStore } from '../../store/store.js';

/**
 * In a browser tab: whether to notify when a task finishes, fails or waits for approval while the
 * tab is in the background, and what the browser allows. (The desktop app notifies on its own.)
 */
export function NotificationsSection() {
  const notifier = useStore((state) => state.notifier);
  const enabled = useStore((state) => state.browserNotifications);
  const setEnabled = useStore((state) => state.setBrowserNotifications);
  const [permission, setPermission] = useState(() => notifier?.permission() ?? 'unsupported');
  if (!notifier) return null;
  const toggle = (on: boolean) => {
    setEnabled(on);
    if (on && permission === 'default') void notifier.requestPermission().then(setPermission);
  };
  return (
    <section className="settings-section" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <div className="card">
        <label className="field checkbox">
          <input
            type="checkbox"
            checked={enabled}
            disabled={permission === 'unsupported'}
            onChange={(event) => toggle(event.target.checked)}
            data-testid="settings-browser-notifications"
          />
          <span>
            Notify me in this browser when a task finishes, fails or waits for approval while this tab is in the
            background
          </span>
        </label>
        <p className="hint" data-testid="settings-notification-permission">
          {permissionText(permission, enabled)}
        </p>
      </div>
    </section>
  );
}

function permissionText(permission: NotificationPermission | 'unsupported', enabled: boolean): string {
  switch (permission) {
    case 'unsupported':
      return 'This browser cannot show notifications.';
    case 'denied':
      return 'This browser blocks notifications from this page: allow them in the site settings (the icon left of the address), then reload.';
    case 'default':
      return enabled ? 'The browser asks for permission when you start your next task.' : 'Off.';
    case 'granted':
      return enabled ? 'On: clicking a notification opens its task here.' : 'Off.';
    default: {
      const unreachable: never = permission;
      return unreachable;
    }
  }
}
