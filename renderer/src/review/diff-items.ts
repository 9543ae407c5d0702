import type { DiffType, HunkData } from 'react-diff-view';
import type { DiffFile } from '../../../shared/diff.js';
import { diffTypeOf, fileNotices, toDiffHunks, type FileNotice } from './diff-model.js';
import type { DiffViewMode } from './review-state.js';

/**
 * One row of the virtualized diff viewer: a file's header, a slice of its lines, or a notice.
 * Long files are cut into slices so a 5,000-line file never has to be rendered whole.
 */
export type DiffItem =
  | { kind: 'file'; key: string; file: DiffFile }
  | { kind: 'lines'; key: string; file: DiffFile; diffType: DiffType; hunks: HunkData[]; rows: number }
  | { kind: 'notice'; key: string; file: DiffFile; notice: FileNotice };

/** Most rows one slice of lines holds. */
export const maxRowsPerSlice = 80;

/** Builds the viewer's rows for files in display order; collapsed files show only their header. */
export function buildDiffItems(files: readonly DiffFile[], collapsed: ReadonlySet<string> = new Set()): DiffItem[] {
  return files.flatMap((file): DiffItem[] => {
    const header: DiffItem = { kind: 'file', key: `file:${file.path}`, file };
    if (collapsed.has(file.path)) return [header];
    const diffType = diffTypeOf(file.status);
    const slices = slicesOf(file).map((hunks, index): DiffItem => ({
      kind: 'lines',
      key: `lines:${file.path}:${index}`,
      file,
      diffType,
      hunks,
      rows: hunks.reduce((sum, hunk) => sum + rowsOf(hunk), 0),
    }));
    const notices = fileNotices(file).map((notice): DiffItem => ({
      kind: 'notice',
      key: `notice:${file.path}:${notice.kind}`,
      file,
      notice,
    }));
    return [header, ...slices, ...notices];
  });
}

// Slices are kept per file object, so rebuilding the items (collapsing a file, switching view)
// reuses them, and with them the syntax tokens cached per slice.
const slicesByFile = new WeakMap<DiffFile, HunkData[][]>();

function slicesOf(file: DiffFile): HunkData[][] {
  let slices = slicesByFile.get(file);
  if (!slices) {
    slices = sliceHunks(toDiffHunks(file), maxRowsPerSlice);
    slicesByFile.set(file, slices);
  }
  return slices;
}

/** Guesses an item's height in pixels before it is measured. */
export function estimateItemSize(item: DiffItem, mode: DiffViewMode): number {
  switch (item.kind) {
    case 'file':
      return 36;
    case 'notice':
      return 32;
    case 'lines':
      // Split view pairs removed and added lines, so it needs fewer rows than unified.
      return 8 + Math.ceil(item.rows * (mode === 'split' ? 0.8 : 1)) * 20;
    default: {
      const unknown: never = item;
      throw new Error(`unknown item ${String(unknown)}`);
    }
  }
}

/** A hunk's rendered rows: its lines, plus its header row when it starts an engine hunk. */
function rowsOf(hunk: HunkData): number {
  return hunk.changes.length + (hunk.content ? 1 : 0);
}

/**
 * Groups hunks into slices of at most `maxRows` rows, cutting a long hunk where an unchanged line
 * starts (so removed/added pairs stay together in split view) when one is near the limit. Pieces
 * after the first keep an empty header, so only real hunk starts show one.
 */
export function sliceHunks(hunks: readonly HunkData[], maxRows: number): HunkData[][] {
  const slices: HunkData[][] = [];
  let current: HunkData[] = [];
  let used = 0;
  const close = () => {
    if (current.length > 0) slices.push(current);
    current = [];
    used = 0;
  };
  for (const hunk of hunks) {
    if (used > 0 && used + rowsOf(hunk) > maxRows) close();
    let from = 0;
    while (from < hunk.changes.length) {
      const header = from === 0 && hunk.content ? 1 : 0;
      const room = Math.max(1, maxRows - used - header);
      const to = cutPoint(hunk.changes, from, room);
      current.push(subHunk(hunk, from, to));
      used += header + (to - from);
      from = to;
      if (from < hunk.changes.length || used >= maxRows) close();
    }
    if (hunk.changes.length === 0) current.push(hunk);
  }
  close();
  return slices;
}

function cutPoint(changes: HunkData['changes'], from: number, room: number): number {
  const limit = from + room;
  if (limit >= changes.length) return changes.length;
  for (let index = limit; index > from + room / 2; index--) if (changes[index]?.type === 'normal') return index;
  return limit;
}

function subHunk(hunk: HunkData, from: number, to: number): HunkData {
  if (from === 0 && to === hunk.changes.length) return hunk;
  const changes = hunk.changes.slice(from, to);
  const oldNumbers = changes.flatMap((change) =>
    change.type === 'normal' ? [change.oldLineNumber] : change.type === 'delete' ? [change.lineNumber] : [],
  );
  const newNumbers = changes.flatMap((change) =>
    change.type === 'normal' ? [change.newLineNumber] : change.type === 'insert' ? [change.lineNumber] : [],
  );
  return {
    content: from === 0 ? hunk.content : '',
    oldStart: oldNumbers[0] ?? hunk.oldStart,
    oldLines: oldNumbers.length,
    newStart: newNumbers[0] ?? hunk.newStart,
    newLines: newNumbers.length,
    changes,
  };
}
