import { describe, expect, it } from 'vitest';
import { parseBlobSizes, parseChangeList, parsePatch, unquotePath } from './diff-parse.js';

const zero = '0'.repeat(40);
const blobA = 'a'.repeat(40);
const blobB = 'b'.repeat(40);

describe('parseChangeList', () => {
  it('reads statuses, renames, binary files and counts, including paths that look like fields', () => {
    const output = [
      `:000000 100644 ${zero} ${blobA} A`,
      ':odd name.txt',
      `:100644 100644 ${blobA} ${blobB} R085`,
      'old dir/a.txt',
      'new dir/é.txt',
      `:100644 000000 ${blobA} ${zero} D`,
      'gone.bin',
      `:100644 120000 ${blobA} ${blobB} T`,
      'link',
      '3\t0\t:odd name.txt',
      '1\t2\t',
      'old dir/a.txt',
      'new dir/é.txt',
      '-\t-\tgone.bin',
      '1\t1\tlink',
      '',
    ].join('\0');
    expect(parseChangeList(output)).toEqual([
      {
        status: 'added',
        path: ':odd name.txt',
        oldPath: null,
        oldMode: '000000',
        newMode: '100644',
        oldBlob: zero,
        newBlob: blobA,
        binary: false,
        additions: 3,
        deletions: 0,
      },
      {
        status: 'renamed',
        path: 'new dir/é.txt',
        oldPath: 'old dir/a.txt',
        oldMode: '100644',
        newMode: '100644',
        oldBlob: blobA,
        newBlob: blobB,
        binary: false,
        additions: 1,
        deletions: 2,
      },
      {
        status: 'deleted',
        path: 'gone.bin',
        oldPath: null,
        oldMode: '100644',
        newMode: '000000',
        oldBlob: blobA,
        newBlob: zero,
        binary: true,
        additions: 0,
        deletions: 0,
      },
      {
        status: 'typeChanged',
        path: 'link',
        oldPath: null,
        oldMode: '100644',
        newMode: '120000',
        oldBlob: blobA,
        newBlob: blobB,
        binary: false,
        additions: 1,
        deletions: 1,
      },
    ]);
  });

  it('returns nothing for an empty diff', () => {
    expect(parseChangeList('')).toEqual([]);
  });
});

describe('parseBlobSizes', () => {
  it('reads sizes and skips missing objects', () => {
    const sizes = parseBlobSizes(`${blobA} blob 120\n${blobB} missing\n`);
    expect([...sizes]).toEqual([[blobA, 120]]);
  });
});

describe('unquotePath', () => {
  it('decodes git C-quoting, including octal UTF-8 bytes', () => {
    expect(unquotePath('"say \\"hi\\"\\tback\\\\slash.txt"')).toBe('say "hi"\tback\\slash.txt');
    expect(unquotePath('"na\\303\\257ve.txt"')).toBe('naïve.txt');
    expect(unquotePath('plain é.txt')).toBe('plain é.txt');
  });
});

describe('parsePatch', () => {
  const patch = [
    'diff --git a/dossier é/naïve file.txt b/dossier é/naïve file.txt',
    'new file mode 100644',
    'index 0000000..45b983b',
    '--- /dev/null',
    '+++ b/dossier é/naïve file.txt\t',
    '@@ -0,0 +1 @@',
    '+hi',
    'diff --git a/keep.txt b/keep.txt',
    'index de98044..7be73ce 100644',
    '--- a/keep.txt',
    '+++ b/keep.txt',
    '@@ -1,3 +1,3 @@ function top()',
    ' a',
    '-b',
    '+B',
    '',
    '@@ -10 +10 @@',
    '-x',
    '+y',
    '\\ No newline at end of file',
    'diff --git a/lnk b/lnk',
    'deleted file mode 100644',
    '--- a/lnk',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-link',
    'diff --git a/lnk b/lnk',
    'new file mode 120000',
    '--- /dev/null',
    '+++ b/lnk',
    '@@ -0,0 +1 @@',
    '+keep.txt',
    'diff --git a/old.txt "b/say \\"hi\\".txt"',
    'similarity index 85%',
    'rename from old.txt',
    'rename to "say \\"hi\\".txt"',
    '--- a/old.txt',
    '+++ "b/say \\"hi\\".txt"',
    '@@ -4,3 +4,4 @@ z',
    ' w',
    '+q',
    'diff --git "a/tab\\there" "b/tab\\there"',
    'new file mode 100644',
    'Binary files /dev/null and "b/tab\\there" differ',
    '',
  ].join('\n');

  it('splits files, reads hunk headers and keeps line prefixes', () => {
    const sections = parsePatch(patch, 5000);
    expect(sections.map((section) => section.path)).toEqual([
      'dossier é/naïve file.txt',
      'keep.txt',
      'lnk',
      'say "hi".txt',
      'tab\there',
    ]);
    const keep = sections[1];
    expect(keep?.hunks).toEqual([
      {
        header: '@@ -1,3 +1,3 @@ function top()',
        oldStart: 1,
        oldLines: 3,
        newStart: 1,
        newLines: 3,
        lines: [' a', '-b', '+B', ' '],
      },
      {
        header: '@@ -10 +10 @@',
        oldStart: 10,
        oldLines: 1,
        newStart: 10,
        newLines: 1,
        lines: ['-x', '+y', '\\ No newline at end of file'],
      },
    ]);
    expect(sections[0]?.hunks[0]).toMatchObject({ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1, lines: ['+hi'] });
  });

  it('counts added and removed lines per file, as --numstat does, and spots binary files', () => {
    const counts = parsePatch(patch, 1).map(({ path, additions, deletions, binary }) => [
      path,
      additions,
      deletions,
      binary,
    ]);
    expect(counts).toEqual([
      ['dossier é/naïve file.txt', 1, 0, false],
      ['keep.txt', 2, 2, false],
      ['lnk', 1, 1, false],
      ['say "hi".txt', 1, 0, false],
      ['tab\there', 0, 0, true],
    ]);
  });

  it('merges a type change printed as a deletion and an addition into one file', () => {
    const link = parsePatch(patch, 5000).find((section) => section.path === 'lnk');
    expect(link?.hunks.map((hunk) => hunk.lines)).toEqual([['-link'], ['+keep.txt']]);
    expect(link?.totalLines).toBe(2);
  });

  it('cuts a file past the line limit, counting what it leaves out', () => {
    const big = [
      'diff --git a/big.txt b/big.txt',
      '@@ -0,0 +1,7 @@',
      ...Array.from({ length: 7 }, (_, index) => `+${index}`),
      '@@ -20,2 +21,2 @@',
      '-a',
      '+b',
      '',
    ].join('\n');
    const [section] = parsePatch(big, 5);
    expect(section?.hunks).toHaveLength(1);
    expect(section?.hunks[0]?.lines).toEqual(['+0', '+1', '+2', '+3', '+4']);
    expect(section?.totalLines).toBe(9);
    expect(section?.omittedLines).toBe(4);
  });
});
