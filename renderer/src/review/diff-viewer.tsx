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
}

/**
 * Every changed file in one scrolling list, virtualized: only the rows (file headers, slices of
 * lines, notices) near the viewport are in the DOM, so huge diffs paint their first screen fast.
 */
export function DiffViewer({ taskId, files, viewMode, selectedPath }: DiffViewerProps) {
  const comments = useStore((state) => state.reviews[taskId]?.comments ?? noComments);
  const draft = useStore((state) => state.reviews[taskId]?.draft ?? null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
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

  const toggle = (path: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(path)) next.add(path);
      return next;
    });

  const render = (item: DiffItem) => {
    switch (item.kind) {
      case 'file':
        return <FileHeader file={item.file} open={!collapsed.has(item.file.path)} comments={commentsByFile.get(item.file.path)?.length ?? 0} onToggle={() => toggle(item.file.path)} />;
      case 'lines':
        return <DiffChunk taskId={taskId} file={item.file} diffType={item.diffType} hunks={item.hunks} viewMode={viewMode} comments={commentsByFile.get(item.file.path) ?? noComments} draft={draftOn(draft, item.file.path)} />;
      case 'notice':
        return (
          <div className={`fl-review-notice fl-review-notice-${item.notice.kind}`} data-testid="diff-notice" data-path={item.file.path}>
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
    <div ref={scroller} className="fl-review-scroller" role="region" aria-label="Diff" tabIndex={0} data-testid="diff-viewer">
      <div className="fl-review-scroll-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div key={row.key} ref={virtualizer.measureElement} data-index={row.index} className="fl-review-row" style={{ transform: `translateY(${row.start}px)` }}>
            {render(items[row.index]!)}
          </div>
        ))}
      </div>
    </div>
  );
}

function FileHeader({ file, open, comments, onToggle }: { file: DiffFile; open: boolean; comments: number; onToggle(): void }) {
  const renamed = file.oldPath !== null && file.oldPath !== file.path;
  return (
    <div className="fl-review-file-header" data-testid="diff-file" data-path={file.path}>
      <button type="button" className="fl-review-chevron" onClick={onToggle} aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${file.path}`}>
        {open ? '▾' : '▸'}
      </button>
      <span className={`fl-review-status fl-review-status-${file.status}`} title={statusWord(file.status)} aria-label={statusWord(file.status)}>
        {statusLetter(file.status)}
      </span>
      <span className="fl-review-file-path">{renamed ? `${file.oldPath} → ${file.path}` : file.path}</span>
      <Counts additions={file.additions} deletions={file.deletions} binary={file.binary} />
      {comments > 0 && <span className="fl-review-badge">{comments === 1 ? '1 comment' : `${comments} comments`}</span>}
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
