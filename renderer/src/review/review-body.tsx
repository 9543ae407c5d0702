import { useEffect, useMemo, useState } from 'react';
import type { DiffFile, TaskDiff } from '../../../shared/diff.js';
import { useStore } from '../store/store.js';
import { DiffViewer } from './diff-viewer.js';
import { buildFileTree, filesInTreeOrder, filterFiles } from './file-tree.js';
import { FileTreeView } from './file-tree-view.js';
import type { DiffViewMode } from './review-state.js';
import { isViewed } from './viewed-marks.js';

/** Props of the review's body. */
export interface ReviewBodyProps {
  taskId: string;
  diff: TaskDiff;
  /** The layout the diff is drawn in (split falls back to unified while narrow). */
  viewMode: DiffViewMode;
  /** Whether the user hid the file tree. */
  fileTreeHidden: boolean;
  /** Receives the body element, whose width decides whether split fits. */
  bodyRef(element: HTMLDivElement | null): void;
}

/**
 * The changed files and their diff: a filter box and "N of M viewed" over the file tree on the
 * left, the diff of the files the filter lets through on the right. Files marked viewed show a
 * check in the tree and start collapsed in the diff; a file that changed since it was marked is
 * no longer counted as viewed.
 */
export function ReviewBody({ taskId, diff, viewMode, fileTreeHidden, bodyRef }: ReviewBodyProps) {
  const [query, setQuery] = useState('');
  const marks = useStore((state) => state.viewedMarks[taskId]);
  const loadViewed = useStore((state) => state.loadViewed);
  const setViewed = useStore((state) => state.setViewed);
  const selectedPath = useStore((state) => state.reviews[taskId]?.selectedPath ?? null);
  const selectDiffFile = useStore((state) => state.selectDiffFile);
  useEffect(() => loadViewed(taskId), [taskId, loadViewed]);

  const shown = useMemo(() => filterFiles(diff.files, query), [diff, query]);
  const tree = useMemo(() => buildFileTree(shown), [shown]);
  const files = useMemo(() => filesInTreeOrder(tree), [tree]);
  const viewed = useMemo(
    () => new Set(diff.files.filter((file) => isViewed(marks, file)).map((file) => file.path)),
    [diff, marks],
  );
  const byPath = useMemo(() => new Map(diff.files.map((file) => [file.path, file])), [diff]);
  const toggleViewed = (file: DiffFile | undefined) => file && setViewed(taskId, file, !viewed.has(file.path));
  const total = diff.files.length;

  return (
    <div
      ref={bodyRef}
      className={`fl-review-body${fileTreeHidden ? ' fl-review-tree-hidden' : ''}`}
      data-view-mode={viewMode}
    >
      {!fileTreeHidden && (
        <nav className="fl-review-sidebar" aria-label="Changed files">
          <div className="fl-review-tree-tools">
            <input
              type="search"
              className="fl-review-filter"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder="Filter files"
              aria-label="Filter the changed files"
              data-testid="review-file-filter"
            />
            <span className="fl-review-viewed-count" data-testid="review-viewed-count" aria-live="polite">
              {viewed.size} of {total} viewed
              {shown.length < total && ` · showing ${shown.length}`}
            </span>
          </div>
          {files.length === 0 ? (
            <p className="fl-review-muted fl-review-no-match" data-testid="review-filter-empty">
              No changed file matches “{query.trim()}”.
            </p>
          ) : (
            <FileTreeView
              nodes={tree}
              selectedPath={selectedPath}
              onSelect={(path) => selectDiffFile(taskId, path)}
              viewed={viewed}
              onToggleViewed={(path) => toggleViewed(byPath.get(path))}
            />
          )}
        </nav>
      )}
      <DiffViewer
        taskId={taskId}
        files={files}
        viewMode={viewMode}
        selectedPath={selectedPath}
        viewed={viewed}
        onToggleViewed={(file) => toggleViewed(file)}
      />
    </div>
  );
}
