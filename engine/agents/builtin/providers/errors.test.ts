import { describe, expect, it } from 'vitest';
import { retryAfterOf } from './errors.js';

describe('retryAfterOf', () => {
  it('prefers retry-after-ms, then retry-after seconds, then an HTTP date', () => {
    expect(retryAfterOf(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterOf(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterOf(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now)).toBe(30_000);
  });

  it('gives null when the server did not say', () => {
    expect(retryAfterOf(new Headers())).toBeNull();
    expect(retryAfterOf(undefined)).toBeNull();
    expect(retryAfterOf(new Headers({ 'retry-after': 'soon' }))).toBeNull();
  });
});
