import { isAppUrl } from '../common/app-origin.js';

/**
 * Whether the window may navigate to a URL (`will-navigate`, `will-redirect`): only within the
 * app's own origin. Everything else, including other app-like schemes, is refused.
 */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The URL to hand to shell.openExternal, or null when it must not be opened: only well-formed
 * https URLs with a host and no embedded credentials. http, file:, javascript:, data: and custom
 * schemes (which could start local programs) are refused.
 */
export function externalUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > 8192 || /[\s\0]/.test(url.trim()) || url !== url.trim()) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.hostname === '' || parsed.username !== '' || parsed.password !== '')
    return null;
  return parsed.href;
}

/** What to do with a `window.open` or `target=_blank` link: never a new window; an https link may go to the browser. */
export interface WindowOpenDecision {
  action: 'deny';
  /** The link to open in the user's browser instead, or null to drop it. */
  openExternally: string | null;
}

/**
 * Decides a window-open request (setWindowOpenHandler): always denied; https links are offered to the browser instead.
 */
export function windowOpenDecision(url: string): WindowOpenDecision {
  return { action: 'deny', openExternally: externalUrl(url) };
}

/**
 * Permissions the renderer may use: writing plain text to the clipboard (copy buttons for branch
 * names and commands), and only from the app's own top-level page. Camera, microphone,
 * notifications, geolocation, clipboard reading, media, HID/serial/USB and the rest are refused.
 */
export const grantedPermissions: readonly string[] = ['clipboard-sanitized-write'];

/** Decides a permission request or check (setPermissionRequestHandler / setPermissionCheckHandler). */
export function mayUsePermission(permission: string, requestingUrl: string, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(requestingUrl) && grantedPermissions.includes(permission);
}
