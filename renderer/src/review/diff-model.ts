import type { ChangeData, DiffType, HunkData } from 'react-diff-view';
import type { DiffFile } from '../../../shared/diff.js';
import type { DiffSide } from './review-state.js';

/** A line of a file's diff view that is not code: why there is nothing (or not everything) to show. */
export type FileNotice =
  { kind: 'binary'; text: string } | { kind: 'truncated'; text: string } | { kind: 'empty'; text: string };

/** How react-diff-view labels a change of our kind. */
export function diffTypeOf(status: DiffFile['status']): DiffType {
  switch (status) {
    case 'added':
      return 'add';
    case 'deleted':
      return 'delete';
    case 'renamed':
      return 'rename';
    case 'copied':
      return 'copy';
    case 'modified':
    case 'typeChanged':
      return 'modify';
    default: {
      const unknown: never = status;
      throw new Error(`unknown file status ${String(unknown)}`);
    }
  }
}

/**
 * Converts the engine's hunks (raw lines with ' ', '+', '-' or '\' prefixes) into react-diff-view's
 * hunks, numbering each line on its side. "\ No newline at end of file" markers are left out.
 */
export function toDiffHunks(file: DiffFile): HunkData[] {
  return file.hunks.map((hunk) => {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    const changes: ChangeData[] = [];
    for (const raw of hunk.lines) {
      const content = raw.slice(1);
      switch (raw[0]) {
        case '+':
          changes.push({ type: 'insert', isInsert: true, content, lineNumber: newLine++ });
          break;
        case '-':
          changes.push({ type: 'delete', isDelete: true, content, lineNumber: oldLine++ });
          break;
        case '\\':
          break;
        default:
          changes.push({ type: 'normal', isNormal: true, content, oldLineNumber: oldLine++, newLineNumber: newLine++ });
      }
    }
    return {
      content: hunk.header,
      oldStart: hunk.oldStart,
      oldLines: hunk.oldLines,
      newStart: hunk.newStart,
      newLines: hunk.newLines,
      changes,
    };
  });
}

/** What to say instead of (or after) a file's lines: binary, cut short by the engine, or no line changes. */
export function fileNotices(file: DiffFile): FileNotice[] {
  const notices: FileNotice[] = [];
  if (file.binary) notices.push({ kind: 'binary', text: 'Binary file changed' });
  if (file.truncated)
    notices.push({
      kind: 'truncated',
      text: `… ${file.truncated.omittedLines} more lines not shown: ${file.truncated.reason}`,
    });
  if (notices.length === 0 && file.hunks.length === 0) notices.push({ kind: 'empty', text: emptyText(file) });
  return notices;
}

function emptyText(file: DiffFile): string {
  switch (file.status) {
    case 'renamed':
      return `Renamed from ${file.oldPath ?? 'another path'} without changes`;
    case 'copied':
      return `Copied from ${file.oldPath ?? 'another path'} without changes`;
    case 'added':
      return 'Empty file added';
    case 'deleted':
      return 'Empty file deleted';
    case 'modified':
    case 'typeChanged':
      return 'Only the file mode changed';
    default: {
      const unknown: never = file.status;
      throw new Error(`unknown file status ${String(unknown)}`);
    }
  }
}

/** The side and line a comment on this change points at: removed lines on the old side, all others on the new. */
export function anchorOf(change: ChangeData): { side: DiffSide; line: number } {
  switch (change.type) {
    case 'delete':
      return { side: 'old', line: change.lineNumber };
    case 'insert':
      return { side: 'new', line: change.lineNumber };
    case 'normal':
      return { side: 'new', line: change.newLineNumber };
    default: {
      const unknown: never = change;
      throw new Error(`unknown change ${String(unknown)}`);
    }
  }
}

/** The status letter shown beside a file (as in `git status`). */
export function statusLetter(status: DiffFile['status']): string {
  const letters: Record<DiffFile['status'], string> = {
    added: 'A',
    modified: 'M',
    deleted: 'D',
    renamed: 'R',
    copied: 'C',
    typeChanged: 'T',
  };
  return letters[status];
}

/** The status in words, for screen readers and tooltips. */
export function statusWord(status: DiffFile['status']): string {
  const words: Record<DiffFile['status'], string> = {
    added: 'added',
    modified: 'modified',
    deleted: 'deleted',
    renamed: 'renamed',
    copied: 'copied',
    typeChanged: 'type changed',
  };
  return words[status];
}
