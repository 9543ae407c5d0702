/**
 * The renderer's Content-Security-Policy: only the app's own scripts and styles, no eval, no
 * inline script, no plugins, frames, forms or remote connections (the engine is reached through
 * the preload bridge, never the network). Sent as a response header on every `app://` response;
 * renderer/index.html carries the same policy in a meta tag (minus frame-ancestors, which meta ignores).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every renderer response carries besides its content type. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Response headers with the app's CSP forced in: any CSP the response already had is replaced
 * (header names compare case-insensitively), for session.webRequest.onHeadersReceived.
 */
export function withSecurityHeaders(headers: Record<string, string | string[]> | undefined): Record<string, string[]> {
  const forced = new Set(Object.keys(securityHeaders).map((name) => name.toLowerCase()));
  const kept = Object.entries(headers ?? {}).filter(([name]) => !forced.has(name.toLowerCase()));
  const result: Record<string, string[]> = Object.fromEntries(
    kept.map(([name, value]) => [name, Array.isArray(value) ? value : [value]]),
  );
  for (const [name, value] of Object.entries(securityHeaders)) result[name] = [value];
  return result;
}
