import type { DiffFile } from '../../../shared/diff.js';

/** A folder of the changed-files tree; single-child folder chains are merged into one (`src/review`). */
export interface FolderNode {
  kind: 'folder';
  /** The label: one or more path segments. */
  name: string;
  /** The folder's full path, which also identifies it. */
  path: string;
  children: TreeNode[];
  additions: number;
  deletions: number;
}

/** A changed file in the tree. */
export interface FileNode {
  kind: 'file';
  name: string;
  path: string;
  file: DiffFile;
}

/** A node of the changed-files tree. */
export type TreeNode = FolderNode | FileNode;

/** A tree node as one row of the rendered tree. */
export interface TreeRow {
  node: TreeNode;
  /** 1-based, as aria-level wants. */
  level: number;
  /** The enclosing folder's path; null at the top. */
  parent: string | null;
}

/** Builds the changed-files tree: folders first, then files, each in natural order (file2 before file10). */
export function buildFileTree(files: readonly DiffFile[]): TreeNode[] {
  const root: FolderNode = { kind: 'folder', name: '', path: '', children: [], additions: 0, deletions: 0 };
  for (const file of files) {
    const segments = file.path.split('/');
    let folder = root;
    for (const [index, segment] of segments.slice(0, -1).entries()) {
      folder.additions += file.additions;
      folder.deletions += file.deletions;
      const path = segments.slice(0, index + 1).join('/');
      let next = folder.children.find((child): child is FolderNode => child.kind === 'folder' && child.path === path);
      if (!next) {
        next = { kind: 'folder', name: segment, path, children: [], additions: 0, deletions: 0 };
        folder.children.push(next);
      }
      folder = next;
    }
    folder.additions += file.additions;
    folder.deletions += file.deletions;
    folder.children.push({ kind: 'file', name: segments.at(-1) ?? file.path, path: file.path, file });
  }
  return root.children.map(compact).sort(byKindThenName);
}

function compact(node: TreeNode): TreeNode {
  if (node.kind === 'file') return node;
  let folder = node;
  for (let only = soleFolder(folder); only; only = soleFolder(folder))
    folder = { ...only, name: `${folder.name}/${only.name}` };
  return { ...folder, children: folder.children.map(compact).sort(byKindThenName) };
}

function soleFolder(folder: FolderNode): FolderNode | null {
  const [first, ...rest] = folder.children;
  return rest.length === 0 && first?.kind === 'folder' ? first : null;
}

// Natural order: digit runs compare as numbers (file2 before file10), letters regardless of case.
const naturalOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Compares two names the way a person sorts them: file2 before file10, case aside. */
export function compareNatural(a: string, b: string): number {
  return naturalOrder.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function byKindThenName(a: TreeNode, b: TreeNode): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
  return compareNatural(a.name, b.name);
}

/**
 * The files whose path holds every word of `query` (case-insensitive, any order); all of them
 * when the query is blank. `src test` finds src/app.test.ts; a word with a slash matches across folders.
 */
export function filterFiles(files: readonly DiffFile[], query: string): readonly DiffFile[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length === 0) return files;
  return files.filter((file) => {
    const path = `${file.path}\n${file.oldPath ?? ''}`.toLowerCase();
    return words.every((word) => path.includes(word));
  });
}

/** The rows to render: every node whose enclosing folders are all expanded. */
export function visibleRows(
  nodes: readonly TreeNode[],
  collapsed: ReadonlySet<string>,
  level = 1,
  parent: string | null = null,
): TreeRow[] {
  return nodes.flatMap((node) => {
    const row: TreeRow = { node, level, parent };
    if (node.kind === 'file' || collapsed.has(node.path)) return [row];
    return [row, ...visibleRows(node.children, collapsed, level + 1, node.path)];
  });
}

/** The files in tree order, which is also the order the diff viewer shows them in. */
export function filesInTreeOrder(nodes: readonly TreeNode[]): DiffFile[] {
  return nodes.flatMap((node) => (node.kind === 'file' ? [node.file] : filesInTreeOrder(node.children)));
}
