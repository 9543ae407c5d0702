import { describe, expect, it } from 'vitest';
import { sameShallow } from './use-shallow.js';

describe('sameShallow', () => {
  it('compares plain objects key by key and arrays item by item, one level deep', () => {
    const nested = { files: 2 };
    expect(sameShallow({ a: 1, b: 'x', c: nested }, { c: nested, b: 'x', a: 1 })).toBe(true);
    expect(sameShallow({ a: 1, b: 'x' }, { a: 1, b: 'y' })).toBe(false);
    expect(sameShallow({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameShallow({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(sameShallow({ c: { files: 2 } }, { c: { files: 2 } })).toBe(false);
    expect(sameShallow(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameShallow(['a', 'b'], ['a'])).toBe(false);
    expect(sameShallow(['a'], { 0: 'a' })).toBe(false);
    expect(sameShallow(Number.NaN, Number.NaN)).toBe(true);
    expect(sameShallow(null, {})).toBe(false);
  });

  it('compares Maps and Sets by their entries', () => {
    expect(sameShallow(new Map([['a', 1]]), new Map([['a', 1]]))).toBe(true);
    expect(sameShallow(new Map([['a', 1]]), new Map([['a', 2]]))).toBe(false);
    expect(sameShallow(new Set(['a']), new Set(['a']))).toBe(true);
    expect(sameShallow(new Set(['a']), new Map([['a', 'a']]))).toBe(false);
  });
});
