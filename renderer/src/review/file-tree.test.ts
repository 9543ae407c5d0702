import { describe, expect, it } from 'vitest';
import { buildFileTree, filesInTreeOrder, filterFiles, visibleRows, type TreeNode } from './file-tree.js';
import { makeFile } from '../../../testing/renderer/review-fixtures.js';

const files = [
  'src/review/panel.tsx',
  'src/review/slice.ts',
  'src/store/store.ts',
  'README.md',
  'docs/guide/intro.md',
  'package.json',
].map((path) => makeFile(path, ['+a', '+b', '-c']));

function outline(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [
    `${'  '.repeat(depth)}${node.name}`,
    ...(node.kind === 'folder' ? outline(node.children, depth + 1) : []),
  ]);
}

describe('the changed-files tree', () => {
  it('nests files under folders (folders first), merging single-folder chains', () => {
    const tree = buildFileTree(files);
    expect(outline(tree)).toEqual([
      'docs/guide',
      '  intro.md',
      'src',
      '  review',
      '    panel.tsx',
      '    slice.ts',
      '  store',
      '    store.ts',
      'package.json',
      'README.md',
    ]);
    const src = tree.find((node) => node.path === 'src');
    expect(src).toMatchObject({ kind: 'folder', additions: 6, deletions: 3 });
  });

  it('orders the diff like the tree and hides the rows of collapsed folders', () => {
    const tree = buildFileTree(files);
    expect(filesInTreeOrder(tree).map((file) => file.path)).toEqual([
      'docs/guide/intro.md',
      'src/review/panel.tsx',
      'src/review/slice.ts',
      'src/store/store.ts',
      'package.json',
      'README.md',
    ]);
    const rows = visibleRows(tree, new Set(['src/review']));
    expect(rows.map((row) => `${row.level}:${row.node.path}`)).toEqual([
      '1:docs/guide',
      '2:docs/guide/intro.md',
      '1:src',
      '2:src/review',
      '2:src/store',
      '3:src/store/store.ts',
      '1:package.json',
      '1:README.md',
    ]);
    expect(rows.find((row) => row.node.path === 'src/store/store.ts')?.parent).toBe('src/store');
  });

  it('sorts names naturally: file2 before file10, v9 before v10, case aside', () => {
    const names = ['file10.ts', 'file2.ts', 'File1.ts', 'step-10/a.ts', 'step-9/a.ts', 'b.md', 'A.md'];
    const tree = buildFileTree(names.map((path) => makeFile(path, ['+x'])));
    expect(outline(tree)).toEqual([
      'step-9',
      '  a.ts',
      'step-10',
      '  a.ts',
      'A.md',
      'b.md',
      'File1.ts',
      'file2.ts',
      'file10.ts',
    ]);
  });

  it('filters files by every word of the query, case-insensitive, in the path or the old path', () => {
    const renamed = makeFile('src/store/tasks.ts', ['+a'], { status: 'renamed', oldPath: 'src/state/jobs.ts' });
    const all = [...files, renamed];
    const paths = (query: string) => filterFiles(all, query).map((file) => file.path);
    expect(paths('')).toHaveLength(all.length);
    expect(paths('  ')).toHaveLength(all.length);
    expect(paths('REVIEW')).toEqual(['src/review/panel.tsx', 'src/review/slice.ts']);
    expect(paths('.ts src/st')).toEqual(['src/store/store.ts', 'src/store/tasks.ts']);
    expect(paths('jobs')).toEqual(['src/store/tasks.ts']);
    expect(paths('nothing-like-this')).toEqual([]);
  });
});
