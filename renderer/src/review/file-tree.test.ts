import { describe, expect, it } from 'vitest';
import { buildFileTree, filesInTreeOrder, visibleRows, type TreeNode } from './file-tree.js';
import { makeFile } from './test-fixtures.js';

const files = ['src/review/panel.tsx', 'src/review/slice.ts', 'src/store/store.ts', 'README.md', 'docs/guide/intro.md', 'package.json'].map((path) =>
  makeFile(path, ['+a', '+b', '-c']),
);

function outline(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.name}`, ...(node.kind === 'folder' ? outline(node.children, depth + 1) : [])]);
}

describe('the changed-files tree', () => {
  it('nests files under folders (folders first), merging single-folder chains', () => {
    const tree = buildFileTree(files);
    expect(outline(tree)).toEqual(['docs/guide', '  intro.md', 'src', '  review', '    panel.tsx', '    slice.ts', '  store', '    store.ts', 'package.json', 'README.md']);
    const src = tree.find((node) => node.path === 'src');
    expect(src).toMatchObject({ kind: 'folder', additions: 6, deletions: 3 });
  });

  it('orders the diff like the tree and hides the rows of collapsed folders', () => {
    const tree = buildFileTree(files);
    expect(filesInTreeOrder(tree).map((file) => file.path)).toEqual(['docs/guide/intro.md', 'src/review/panel.tsx', 'src/review/slice.ts', 'src/store/store.ts', 'package.json', 'README.md']);
    const rows = visibleRows(tree, new Set(['src/review']));
    expect(rows.map((row) => `${row.level}:${row.node.path}`)).toEqual(['1:docs/guide', '2:docs/guide/intro.md', '1:src', '2:src/review', '2:src/store', '3:src/store/store.ts', '1:package.json', '1:README.md']);
    expect(rows.find((row) => row.node.path === 'src/store/store.ts')?.parent).toBe('src/store');
  });
});
