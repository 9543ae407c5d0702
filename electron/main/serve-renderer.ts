import { readFile } from 'node:fs/promises';
import { protocol, session } from 'electron';
import { resolveAppFile } from './app-files.js';
import { appScheme } from '../common/app-origin.js';
import { securityHeaders, withSecurityHeaders } from './content-security.js';

/**
 * Registers `app://` as a standard, secure scheme. Must run before the app is ready.
 * Why app:// and not file://: file:// pages have an opaque origin (so IPC senders cannot be
 * told apart by origin) and may read any local file; app:// serves only the renderer build.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer (`rendererRoot`, i.e. renderer/dist) on `app://flotilla/`, with the
 * CSP on every response, and forces the same CSP onto any response the default session receives.
 */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(appScheme, async (request) => {
    const lookup = resolveAppFile(request.url, rendererRoot);
    if (lookup.kind === 'refused') return new Response(null, { status: lookup.status, headers: securityHeaders });
    try {
      const body = await readFile(lookup.path);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: { ...securityHeaders, 'Content-Type': lookup.mimeType },
      });
    } catch {
      const missing = lookup.path.endsWith('index.html')
        ? 'The window is not built: run `npm run build` first.\n'
        : 'Not found.\n';
      return new Response(missing, {
        status: 404,
        headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
  });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
}
