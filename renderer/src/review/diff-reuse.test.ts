import { describe, expect, it } from 'vitest';
import { reuseUnchanged, sameFile } from './diff-reuse.js';
import { makeDiff, makeFile } from '../../../testing/renderer/review-fixtures.js';

describe('reuseUnchanged', () => {
  const a = makeFile('a.ts', [' keep', '-old', '+new']);
  const b = makeFile('b.ts', ['+added']);

  it('tells files apart by any line, hunk position or truncation', () => {
    expect(sameFile(a, structuredClone(a))).toBe(true);
    expect(sameFile(a, makeFile('a.ts', [' keep', '-old', '+newer']))).toBe(false);
    expect(sameFile(a, { ...a, hunks: [{ ...a.hunks[0]!, newStart: 2 }] })).toBe(false);
    expect(sameFile(a, { ...a, truncated: { reason: 'cut', omittedLines: 1 } })).toBe(false);
  });

  it('keeps the previous diff when nothing changed, and unchanged files when the order or a file changed', () => {
    const previous = makeDiff([a, b]);
    expect(reuseUnchanged(previous, structuredClone(previous))).toBe(previous);
    expect(reuseUnchanged(null, previous)).toBe(previous);

    const reordered = reuseUnchanged(previous, makeDiff([structuredClone(b), structuredClone(a)]));
    expect(reordered).not.toBe(previous);
    expect(reordered.files[0]).toBe(b);
    expect(reordered.files[1]).toBe(a);

    const edited = makeFile('b.ts', ['+added', '+more']);
    const next = reuseUnchanged(previous, makeDiff([structuredClone(a), edited]));
    expect(next.files[0]).toBe(a);
    expect(next.files[1]).toBe(edited);
    expect(next.additions).toBe(3);
  });

  it('takes the new diff when only where it was read from changed (the diff of a merged task, read from its merge commit), keeping every file object', () => {
    const previous = makeDiff([a]);
    const merged = {
      ...structuredClone(previous),
      merged: { source: 'mergeCommit' as const, commit: 'abc', into: 'main', mode: 'squash' as const },
    };
    const next = reuseUnchanged(previous, merged);
    expect(next).not.toBe(previous);
    expect(next.merged).toEqual(merged.merged);
    expect(next.files[0]).toBe(a);
  });

  it('takes the new diff when only the base moved on, keeping every file object', () => {
    const previous = makeDiff([a, b]);
    const next = reuseUnchanged(previous, makeDiff([structuredClone(a), structuredClone(b)], 3));
    expect(next).not.toBe(previous);
    expect(next.behind).toBe(3);
    expect(next.files[0]).toBe(a);
  });
});
