import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The cookie a browser gets after opening `/?token=…`, so the renderer's assets load without the token in every URL.
 */
export const tokenCookie = 'flotilla_token';

/** A fresh random access token: 32 bytes, base64url. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token a request presents: `Authorization: Bearer`, then `?token=`, then (HTTP only) the cookie. */
export function presentedToken(request: IncomingMessage, allowCookie: boolean): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
  if (query) return query;
  if (allowCookie) return readCookie(request.headers.cookie, tokenCookie);
  return null;
}

/** Compares tokens in constant time (hashing first, so lengths do not leak either). */
export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** True when a WebSocket upgrade's Origin is absent (non-browser clients) or this server's own page. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}
