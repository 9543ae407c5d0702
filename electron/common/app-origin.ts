/** The privileged scheme the built renderer is served from (registered as standard and secure). */
export const appScheme = 'app';
/** The single host under the scheme; the renderer's origin is `app://flotilla`. */
export const appHost = 'flotilla';
/** The renderer's address: the window loads this and every trusted frame has this origin. */
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/**
 * True when a URL belongs to the app's own origin. (WHATWG URL gives custom schemes an opaque
 * "null" origin, so scheme and host are compared instead.)
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${appScheme}:` &&
    parsed.host === appHost &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
