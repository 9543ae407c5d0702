/** Where the window keeps the host it shows, so a reload comes back to it. */
export const hostChoiceKey = 'flotilla.host';

/** The host the window showed last; null for this machine. */
export function rememberedHost(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(hostChoiceKey) || null;
  } catch {
    return null;
  }
}

/** Remembers the host the window shows (null: this machine). */
export function rememberHost(name: string | null): void {
  try {
    if (name) localStorage.setItem(hostChoiceKey, name);
    else localStorage.removeItem(hostChoiceKey);
  } catch {
    // Storage can be switched off; the choice then lasts until the page reloads.
  }
}

/** The engine's WebSocket address routed to a host (`&host=NAME`); this machine's address for null. */
export function hostSocketUrl(url: string, host: string | null): string {
  if (!host) return url;
  return `${url}${url.includes('?') ? '&' : '?'}host=${encodeURIComponent(host)}`;
}
