import { describe, expect, it } from 'vitest';
import { takePageToken, tokenStorageKey, type TokenPage } from './page-token.js';

function page(
  href: string,
  stored: Record<string, string> = {},
): TokenPage & { replaced: string[]; stored: Record<string, string> } {
  const replaced: string[] = [];
  return {
    replaced,
    stored,
    location: { href },
    history: { replaceState: (_data, _unused, url) => void replaced.push(url ?? '') },
    sessionStorage: { getItem: (key) => stored[key] ?? null, setItem: (key, value) => void (stored[key] = value) },
  };
}

describe('page token', () => {
  it('takes the token from the address, keeps it for reloads, and removes it from the address bar', () => {
    const first = page('http://127.0.0.1:7777/?token=abc&view=x#top');
    expect(takePageToken(first)).toBe('abc');
    expect(first.stored[tokenStorageKey]).toBe('abc');
    expect(first.replaced).toEqual(['/?view=x#top']);

    const reload = page('http://127.0.0.1:7777/', first.stored);
    expect(takePageToken(reload)).toBe('abc');
    expect(reload.replaced).toEqual([]);
  });

  it('has no token when neither the address nor the session has one', () => {
    expect(takePageToken(page('http://127.0.0.1:7777/'))).toBeNull();
  });
});
