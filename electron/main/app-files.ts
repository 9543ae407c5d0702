import { extname, join, normalize, sep } from 'node:path';
import { isAppUrl } from '../common/app-origin.js';

/** What an `app://` request maps to: a file inside the renderer build, or a refusal. */
export type AppFileLookup = { kind: 'file'; path: string; mimeType: string } | { kind: 'refused'; status: 400 | 404 };

/**
 * Maps an `app://flotilla/...` request to a file under the renderer build folder. Anything that
 * would leave the folder, another host, or an encoded separator is refused; routes without an
 * extension get index.html so client-side routes survive a reload.
 */
export function resolveAppFile(url: string, root: string): AppFileLookup {
  if (!isAppUrl(url)) return { kind: 'refused', status: 400 };
  const parsed = new URL(url);
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused', status: 400 };
  const relative = pathname === '/' || extname(pathname) === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = normalize(root);
  const path = normalize(join(base, relative));
  if (!path.startsWith(base.endsWith(sep) ? base : base + sep)) return { kind: 'refused', status: 404 };
  return { kind: 'file', path, mimeType: mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream' };
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};
