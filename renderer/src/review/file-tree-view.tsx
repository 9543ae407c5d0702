import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { statusLetter, statusWord } from './diff-model.js';
import { visibleRows, type TreeNode, type TreeRow } from './file-tree.js';

/** Props of the changed-files tree. */
export interface FileTreeViewProps {
  nodes: readonly TreeNode[];
  selectedPath: string | null;
  onSelect(path: string): void;
}

/**
 * The changed-files tree: collapsible folders, each file with its status letter and +/− counts.
 * Keyboard: Up/Down move, Right opens a folder (or enters it), Left closes it (or goes to the
 * parent), Home/End jump, Enter or Space opens the file in the diff.
 */
export function FileTreeView({ nodes, selectedPath, onSelect }: FileTreeViewProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [focusedPath, setFocusedPath] = useState<string | null>(null);
  const tree = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => visibleRows(nodes, collapsed), [nodes, collapsed]);
  const tabStop = rows.find((row) => row.node.path === focusedPath) ?? rows.find((row) => row.node.path === selectedPath) ?? rows[0];

  const toggle = (path: string, open?: boolean) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (open ?? next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const focusRow = (row: TreeRow | undefined) => {
    if (!row) return;
    setFocusedPath(row.node.path);
    const items = tree.current?.querySelectorAll<HTMLElement>('[data-tree-path]') ?? [];
    [...items].find((item) => item.dataset.treePath === row.node.path)?.focus();
  };
  const activate = (row: TreeRow) => (row.node.kind === 'file' ? onSelect(row.node.path) : toggle(row.node.path));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = rows.findIndex((row) => row.node.path === (focusedPath ?? tabStop?.node.path));
    const row = rows[index];
    if (!row) return;
    const open = row.node.kind === 'folder' && !collapsed.has(row.node.path);
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusRow(rows[index + 1]),
      ArrowUp: () => focusRow(rows[index - 1]),
      Home: () => focusRow(rows[0]),
      End: () => focusRow(rows.at(-1)),
      ArrowRight: () => (row.node.kind === 'folder' ? (open ? focusRow(rows[index + 1]) : toggle(row.node.path, true)) : undefined),
      ArrowLeft: () => (open ? toggle(row.node.path, false) : focusRow(rows.find((other) => other.node.path === row.parent))),
      Enter: () => activate(row),
      ' ': () => activate(row),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  };

  return (
    <div ref={tree} className="fl-review-tree" role="tree" aria-label="Changed files" onKeyDown={onKeyDown} data-testid="review-file-tree">
      {rows.map((row) => {
        const { node } = row;
        const common = {
          role: 'treeitem',
          'aria-level': row.level,
          tabIndex: node.path === tabStop?.node.path ? 0 : -1,
          'data-tree-path': node.path,
          style: { paddingInlineStart: `${0.5 + (row.level - 1) * 0.9}rem` },
          onFocus: () => setFocusedPath(node.path),
        };
        if (node.kind === 'folder') {
          const open = !collapsed.has(node.path);
          return (
            <div key={`d:${node.path}`} {...common} aria-expanded={open} className="fl-review-tree-row fl-review-tree-folder" onClick={() => toggle(node.path)} data-testid="review-tree-folder" aria-label={`Folder ${node.path}, ${open ? 'open' : 'closed'}`}>
              <span className="fl-review-chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
              <span className="fl-review-tree-name">{node.name}</span>
            </div>
          );
        }
        const { file } = node;
        const renamed = file.oldPath && file.oldPath !== file.path ? `, from ${file.oldPath}` : '';
        return (
          <div key={`f:${node.path}`} {...common} aria-selected={node.path === selectedPath} className="fl-review-tree-row fl-review-tree-file" onClick={() => onSelect(node.path)} data-testid="review-tree-file" data-path={node.path} aria-label={`${node.path}, ${statusWord(file.status)}${renamed}${file.binary ? ', binary' : `, ${file.additions} added, ${file.deletions} removed`}`}>
            <span className={`fl-review-status fl-review-status-${file.status}`} aria-hidden="true">{statusLetter(file.status)}</span>
            <span className="fl-review-tree-name" title={file.path}>{node.name}</span>
            <Counts additions={file.additions} deletions={file.deletions} binary={file.binary} />
          </div>
        );
      })}
    </div>
  );
}

/** The +/− counts of a file or the whole diff. */
export function Counts({ additions, deletions, binary = false }: { additions: number; deletions: number; binary?: boolean }) {
  if (binary) return <span className="fl-review-counts fl-review-muted" aria-hidden="true">bin</span>;
  return (
    <span className="fl-review-counts" aria-hidden="true">
      <span className="fl-review-add">+{additions}</span> <span className="fl-review-del">−{deletions}</span>
    </span>
  );
}
