import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page served at `/` when no renderer build was given. */
export const placeholderPage =
  'The Flotilla engine is running.\n\nThe renderer is not built, so there is no web UI here yet; use the `flotilla` CLI or the desktop app.\n';

/**
 * Answers an (already authenticated) GET/HEAD from `staticDir`, or the placeholder page when there
 * is none. Paths cannot escape the folder; unknown paths fall back to index.html for client-side routes.
 */
export async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  staticDir: string | undefined,
): Promise<void> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    return send(response, 400, 'Bad request path.\n');
  }
  if (!staticDir) {
    if (pathname !== '/') return send(response, 404, 'Not found.\n');
    return send(response, 200, request.method === 'HEAD' ? '' : placeholderPage);
  }
  const root = resolve(staticDir);
  const wanted = resolve(join(root, pathname));
  if (wanted !== root && !wanted.startsWith(root + sep)) return send(response, 404, 'Not found.\n');
  const file = (await isFile(wanted))
    ? wanted
    : (await isFile(join(wanted, 'index.html')))
      ? join(wanted, 'index.html')
      : null;
  const chosen =
    file ?? (extname(pathname) === '' && (await isFile(join(root, 'index.html'))) ? join(root, 'index.html') : null);
  if (!chosen) return send(response, 404, 'Not found.\n');
  response.writeHead(200, {
    'content-type': contentTypes[extname(chosen).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(chosen)
    .on('error', () => response.destroy())
    .pipe(response);
}

/** Ends a response with a short plain-text body. */
export function send(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(body);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
