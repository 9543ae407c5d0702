import { describe, expect, it } from 'vitest';
import { buildDiffItems, sliceHunks } from './diff-items.js';
import { diffTypeOf, fileNotices, toDiffHunks } from './diff-model.js';
import { makeFile } from '../../../testing/renderer/review-fixtures.js';

describe('converting our diff to react-diff-view', () => {
  it('numbers added, removed and unchanged lines on their own side', () => {
    const file = makeFile('src/a.ts', [' one', '-two', '+TWO', '+2.5', ' three', '\\ No newline at end of file']);
    const [hunk] = toDiffHunks(file);
    expect(hunk).toMatchObject({ content: '@@ -1,3 +1,4 @@', oldStart: 1, newStart: 1 });
    expect(hunk!.changes).toEqual([
      { type: 'normal', isNormal: true, content: 'one', oldLineNumber: 1, newLineNumber: 1 },
      { type: 'delete', isDelete: true, content: 'two', lineNumber: 2 },
      { type: 'insert', isInsert: true, content: 'TWO', lineNumber: 2 },
      { type: 'insert', isInsert: true, content: '2.5', lineNumber: 3 },
      { type: 'normal', isNormal: true, content: 'three', oldLineNumber: 3, newLineNumber: 4 },
    ]);
    expect(diffTypeOf(file.status)).toBe('modify');
    expect(fileNotices(file)).toEqual([]);
  });

  it('shows an added file as all insertions and a deleted one as all deletions', () => {
    const added = makeFile('new.ts', ['+a', '+b'], {
      status: 'added',
      hunks: [{ header: '@@ -0,0 +1,2 @@', oldStart: 0, oldLines: 0, newStart: 1, newLines: 2, lines: ['+a', '+b'] }],
    });
    expect(diffTypeOf(added.status)).toBe('add');
    expect(
      toDiffHunks(added)[0]!.changes.map((change) => [change.type, 'lineNumber' in change ? change.lineNumber : null]),
    ).toEqual([
      ['insert', 1],
      ['insert', 2],
    ]);

    const deleted = makeFile('old.ts', ['-a', '-b'], {
      status: 'deleted',
      hunks: [{ header: '@@ -1,2 +0,0 @@', oldStart: 1, oldLines: 2, newStart: 0, newLines: 0, lines: ['-a', '-b'] }],
    });
    expect(diffTypeOf(deleted.status)).toBe('delete');
    expect(toDiffHunks(deleted)[0]!.changes.map((change) => change.type)).toEqual(['delete', 'delete']);
  });

  it('labels renames, and says so when a rename has no content change', () => {
    const renamed = makeFile('src/new-name.ts', [], { status: 'renamed', oldPath: 'src/old-name.ts', hunks: [] });
    expect(diffTypeOf(renamed.status)).toBe('rename');
    expect(toDiffHunks(renamed)).toEqual([]);
    expect(fileNotices(renamed)).toEqual([{ kind: 'empty', text: 'Renamed from src/old-name.ts without changes' }]);
    const [header, ...rest] = buildDiffItems([renamed]);
    expect(header).toMatchObject({ kind: 'file', file: { path: 'src/new-name.ts', oldPath: 'src/old-name.ts' } });
    expect(rest.map((item) => item.kind)).toEqual(['notice']);
  });

  it('shows a binary file as "Binary file changed" with no lines', () => {
    const binary = makeFile('logo.png', [], { binary: true, hunks: [], additions: 0, deletions: 0 });
    expect(fileNotices(binary)).toEqual([{ kind: 'binary', text: 'Binary file changed' }]);
    expect(buildDiffItems([binary]).map((item) => item.kind)).toEqual(['file', 'notice']);
  });

  it("ends a truncated file with the engine's truncation marker after the lines it did send", () => {
    const truncated = makeFile('big.ts', ['+a', '+b'], {
      truncated: { reason: "This file's diff has 9000 lines; showing the first 5000.", omittedLines: 4000 },
    });
    expect(fileNotices(truncated)).toEqual([
      {
        kind: 'truncated',
        text: "… 4000 more lines not shown: This file's diff has 9000 lines; showing the first 5000.",
      },
    ]);
    expect(buildDiffItems([truncated]).map((item) => item.kind)).toEqual(['file', 'lines', 'notice']);
  });
});

describe('slicing long files', () => {
  it('cuts a long hunk into slices that keep every line once, with consistent numbering', () => {
    const lines = Array.from({ length: 250 }, (_, index) =>
      index % 5 === 0 ? ` same ${index}` : index % 5 < 3 ? `-old ${index}` : `+new ${index}`,
    );
    const [hunk] = toDiffHunks(makeFile('long.ts', lines));
    const slices = sliceHunks([hunk!], 80);
    expect(slices.length).toBeGreaterThan(3);
    const flattened = slices.flatMap((slice) => slice.flatMap((piece) => piece.changes));
    expect(flattened).toEqual(hunk!.changes);
    for (const slice of slices)
      expect(
        slice.reduce((rows, piece) => rows + piece.changes.length + (piece.content ? 1 : 0), 0),
      ).toBeLessThanOrEqual(80);
    // Only the first piece carries the hunk header; later pieces start where the previous ended.
    expect(slices.flat().map((piece) => piece.content)).toEqual([
      '@@ -1,150 +1,150 @@',
      ...slices.slice(1).map(() => ''),
    ]);
    const second = slices[1]![0]!;
    const firstChange = second.changes[0]!;
    expect(second.newStart).toBe(
      firstChange.type === 'normal'
        ? firstChange.newLineNumber
        : firstChange.type === 'insert'
          ? firstChange.lineNumber
          : second.newStart,
    );
    // Cuts land on unchanged lines so split view keeps removed/added pairs together.
    expect(slices.slice(1).every((slice) => slice[0]!.changes[0]!.type === 'normal')).toBe(true);
  });

  it('packs short hunks of a file together', () => {
    const file = makeFile('a.ts', ['+a']);
    file.hunks = [1, 20, 40].map((start) => ({
      header: `@@ -${start},1 +${start},2 @@`,
      oldStart: start,
      oldLines: 1,
      newStart: start,
      newLines: 2,
      lines: [' x', '+y'],
    }));
    expect(sliceHunks(toDiffHunks(file), 80)).toHaveLength(1);
  });
});
