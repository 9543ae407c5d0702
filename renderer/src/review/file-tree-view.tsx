import { Counts } from '../components/counts.js';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { statusLetter, statusWord } from './diff-model.js';
import { visibleRows, type TreeNode, type TreeRow } from './file-tree.js';

/** Props of the changed-files tree. */
export interface FileTreeViewProps {
  nodes: readonly TreeNode[];
  selectedPath: string | null;
  onSelect(path: string): void;
  /** Paths of the files marked viewed (and unchanged since); they show a check. */
  viewed?: ReadonlySet<string>;
  /** Marks or unmarks a file as viewed (the V key on a file). */
  onToggleViewed?(path: string): void;
}

const noneViewed: ReadonlySet<string> = new Set();

/** The height of one tree row in pixels (review.css gives rows exactly this height). */
export const treeRowHeight = 24;

/**
 * The changed-files tree: collapsible folders, each file with its status letter and +/− counts.
 * Virtualized, so thousands of files cost no more than a screenful; the tree itself holds focus
 * and points at the active row with aria-activedescendant. Keyboard: Up/Down move, Right opens a
 * folder (or enters it), Left closes it (or goes to the parent), Home/End jump, Enter or Space
 * opens the file in the diff (or toggles the folder), V marks the file viewed or not.
 */
export function FileTreeView({
  nodes,
  selectedPath,
  onSelect,
  viewed = noneViewed,
  onToggleViewed,
}: FileTreeViewProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [activePath, setActivePath] = useState<string | null>(null);
  const tree = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const rows = useMemo(() => visibleRows(nodes, collapsed), [nodes, collapsed]);
  const activeIndex = Math.max(
    0,
    rows.findIndex((row) => row.node.path === (activePath ?? selectedPath)),
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => tree.current,
    estimateSize: () => treeRowHeight,
    overscan: 10,
  });
  const rowId = (index: number) => `${idPrefix}-row-${index}`;

  const toggle = (path: string, open?: boolean) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (open ?? next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const moveTo = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActivePath(row.node.path);
    virtualizer.scrollToIndex(index);
  };
  const activate = (row: TreeRow) => (row.node.kind === 'file' ? onSelect(row.node.path) : toggle(row.node.path));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[activeIndex];
    if (!row) return;
    const open = row.node.kind === 'folder' && !collapsed.has(row.node.path);
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      ArrowRight: () =>
        row.node.kind === 'folder' ? (open ? moveTo(activeIndex + 1) : toggle(row.node.path, true)) : undefined,
      ArrowLeft: () =>
        open ? toggle(row.node.path, false) : moveTo(rows.findIndex((other) => other.node.path === row.parent)),
      Enter: () => activate(row),
      ' ': () => activate(row),
      v: () => (row.node.kind === 'file' ? onToggleViewed?.(row.node.path) : undefined),
    };
    const move = moves[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (!move || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    move();
  };

  return (
    <div
      ref={tree}
      className="fl-review-tree"
      role="tree"
      aria-label="Changed files"
      tabIndex={0}
      aria-activedescendant={rows.length > 0 ? rowId(activeIndex) : undefined}
      onKeyDown={onKeyDown}
      data-testid="review-file-tree"
    >
      <div className="fl-review-scroll-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const onClick = () => {
            setActivePath(row.node.path);
            activate(row);
          };
          return (
            <TreeItem
              key={row.node.path}
              id={rowId(item.index)}
              row={row}
              top={item.start}
              active={item.index === activeIndex}
              open={!collapsed.has(row.node.path)}
              selected={row.node.path === selectedPath}
              viewed={viewed.has(row.node.path)}
              onClick={onClick}
            />
          );
        })}
      </div>
    </div>
  );
}

interface TreeItemProps {
  id: string;
  row: TreeRow;
  top: number;
  active: boolean;
  open: boolean;
  selected: boolean;
  viewed: boolean;
  onClick(): void;
}

function TreeItem({ id, row, top, active, open, selected, viewed, onClick }: TreeItemProps) {
  const { node, level } = row;
  const common = {
    id,
    role: 'treeitem',
    'aria-level': level,
    'data-tree-path': node.path,
    style: { transform: `translateY(${top}px)`, paddingInlineStart: `${0.5 + (level - 1) * 0.9}rem` },
    onClick,
  };
  const className = `fl-review-tree-row${active ? ' fl-review-tree-active' : ''}`;
  if (node.kind === 'folder') {
    return (
      <div
        {...common}
        aria-expanded={open}
        className={`${className} fl-review-tree-folder`}
        data-testid="review-tree-folder"
        aria-label={`Folder ${node.path}`}
      >
        <span className="fl-review-chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="fl-review-tree-name">{node.name}</span>
      </div>
    );
  }
  const { file } = node;
  const renamed = file.oldPath && file.oldPath !== file.path ? `, from ${file.oldPath}` : '';
  return (
    <div
      {...common}
      aria-selected={selected}
      className={`${className} fl-review-tree-file${viewed ? ' fl-review-tree-viewed' : ''}`}
      data-testid="review-tree-file"
      data-path={node.path}
      data-viewed={viewed}
      aria-label={`${node.path}, ${statusWord(file.status)}${renamed}${file.binary ? ', binary' : `, ${file.additions} added, ${file.deletions} removed`}${viewed ? ', viewed' : ''}`}
    >
      <span className={`fl-review-status fl-review-status-${file.status}`} aria-hidden="true">
        {statusLetter(file.status)}
      </span>
      <span className="fl-review-tree-name" title={file.path}>
        {node.name}
      </span>
      <Counts additions={file.additions} deletions={file.deletions} binary={file.binary} />
      <span className="fl-review-viewed-mark" aria-hidden="true" title={viewed ? 'Viewed' : undefined}>
        {viewed ? '✓' : ''}
      </span>
    </div>
  );
}
