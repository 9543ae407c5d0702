import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DiffFile } from '../../../shared/diff.js';
import { useStore } from '../store/store.js';
import { DiffChunk } from './diff-chunk.js';
import { buildDiffItems, estimateItemSize, type DiffItem } from './diff-items.js';
import { statusLetter, statusWord } from './diff-model.js';
import { Counts } from '../components/counts.js';
import type { CommentDraft, DiffViewMode, ReviewComment } from './review-state.js';

const noComments: readonly ReviewComment[] = [];

/** Props of the diff viewer. */
export interface DiffViewerProps {
  taskId: string;
  /** The files in display order (the tree's order). */
  files: readonly DiffFile[];
  viewMode: DiffViewMode;
  /** The file to scroll to; the viewer scrolls whenever it changes. */
  selectedPath: string | null;
  /** Paths of the files marked viewed (and unchanged since): they start collapsed. */
  viewed?: ReadonlySet<string>;
  /** Marks or unmarks a file as viewed (the header's "Viewed" box). */
  onToggleViewed?(file: DiffFile): void;
}

const noneViewed: ReadonlySet<string> = new Set();

/**
 * Every changed file in one scrolling list, virtualized: only the rows (file headers, slices of
 * lines, notices) near the viewport are in the DOM, so huge diffs paint their first screen fast.
 * A file is collapsed when it is viewed, unless the user opened it again (and the other way round).
 */
export function DiffViewer({
  taskId,
  files,
  viewMode,
  selectedPath,
  viewed = noneViewed,
  onToggleViewed,
}: DiffViewerProps) {
  const comments = useStore((state) => state.reviews[taskId]?.comments ?? noComments);
  const draft = useStore((state) => state.reviews[taskId]?.draft ?? null);
  // What the user chose with a file's chevron (true: open), over the default of "open unless viewed".
  const [opened, setOpened] = useState<ReadonlyMap<string, boolean>>(() => new Map());
  const collapsed = useMemo(
    () => new Set(files.filter((file) => !(opened.get(file.path) ?? !viewed.has(file.path))).map((file) => file.path)),
    [files, opened, viewed],
  );
  const items = useMemo(() => buildDiffItems(files, collapsed), [files, collapsed]);
  const commentsByFile = useMemo(() => groupByFile(comments), [comments]);
  const scroller = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => estimateItemSize(items[index]!, viewMode),
    getItemKey: (index) => items[index]!.key,
    overscan: 3,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [viewMode, virtualizer]);

  useEffect(() => {
    if (selectedPath === null) return;
    const index = items.findIndex((item) => item.kind === 'file' && item.file.path === selectedPath);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'start' });
    // Scroll only when the selection changes, not whenever the rows are rebuilt.
  }, [selectedPath]);

  const toggle = (path: string) => setOpened((current) => new Map(current).set(path, collapsed.has(path)));
  const toggleViewed = (file: DiffFile) => {
    // Marking a file viewed folds it away; unmarking opens it again.
    setOpened((current) => {
      const next = new Map(current);
      next.delete(file.path);
      return next;
    });
    onToggleViewed?.(file);
  };

  const render = (item: DiffItem) => {
    switch (item.kind) {
      case 'file':
        return (
          <FileHeader
            file={item.file}
            open={!collapsed.has(item.file.path)}
            comments={commentsByFile.get(item.file.path)?.length ?? 0}
            onToggle={() => toggle(item.file.path)}
            viewed={onToggleViewed ? viewed.has(item.file.path) : null}
            onToggleViewed={() => toggleViewed(item.file)}
          />
        );
      case 'lines':
        return (
          <DiffChunk
            taskId={taskId}
            file={item.file}
            diffType={item.diffType}
            hunks={item.hunks}
            viewMode={viewMode}
            comments={commentsByFile.get(item.file.path) ?? noComments}
            draft={draftOn(draft, item.file.path)}
          />
        );
      case 'notice':
        return (
          <div
            className={`fl-review-notice fl-review-notice-${item.notice.kind}`}
            data-testid="diff-notice"
            data-path={item.file.path}
          >
            {item.notice.text}
          </div>
        );
      default: {
        const unknown: never = item;
        throw new Error(`unknown item ${String(unknown)}`);
      }
    }
  };

  return (
    <div
      ref={scroller}
      className="fl-review-scroller"
      role="region"
      aria-label="Diff"
      tabIndex={0}
      data-testid="diff-viewer"
    >
      <div className="fl-review-scroll-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            className="fl-review-row"
            style={{ transform: `translateY(${row.start}px)` }}
          >
            {render(items[row.index]!)}
          </div>
        ))}
      </div>
    </div>
  );
}

interface FileHeaderProps {
  file: DiffFile;
  open: boolean;
  comments: number;
  onToggle(): void;
  /** Whether the file is marked viewed; null when marks are not offered. */
  viewed: boolean | null;
  onToggleViewed(): void;
}

function FileHeader({ file, open, comments, onToggle, viewed, onToggleViewed }: FileHeaderProps) {
  const renamed = file.oldPath !== null && file.oldPath !== file.path;
  return (
    <div className="fl-review-file-header" data-testid="diff-file" data-path={file.path}>
      <button
        type="button"
        className="fl-review-chevron"
        onClick={onToggle}
        aria-expanded={open}
        aria-label={`${open ? 'Collapse' : 'Expand'} ${file.path}`}
      >
        {open ? '▾' : '▸'}
      </button>
      <span
        className={`fl-review-status fl-review-status-${file.status}`}
        title={statusWord(file.status)}
        aria-label={statusWord(file.status)}
      >
        {statusLetter(file.status)}
      </span>
      <span className="fl-review-file-path">{renamed ? `${file.oldPath} → ${file.path}` : file.path}</span>
      <Counts additions={file.additions} deletions={file.deletions} binary={file.binary} />
      {comments > 0 && <span className="fl-review-badge">{comments === 1 ? '1 comment' : `${comments} comments`}</span>}
      {viewed !== null && (
        <label
          className="fl-review-viewed"
          title="Mark the file as viewed; it unmarks itself when the file changes again."
        >
          <input
            type="checkbox"
            checked={viewed}
            onChange={onToggleViewed}
            aria-label={`Viewed ${file.path}`}
            data-testid="diff-file-viewed"
          />
          Viewed
        </label>
      )}
    </div>
  );
}

function groupByFile(comments: readonly ReviewComment[]): Map<string, ReviewComment[]> {
  const byFile = new Map<string, ReviewComment[]>();
  for (const comment of comments) byFile.set(comment.path, [...(byFile.get(comment.path) ?? []), comment]);
  return byFile;
}

function draftOn(draft: CommentDraft | null, path: string): CommentDraft | null {
  return draft?.path === path ? draft : null;
}
