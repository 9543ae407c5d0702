import type { DiffFile, DiffHunk, TaskDiff } from '../../../shared/diff.js';

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

function sameHunk(a: DiffHunk, b: DiffHunk): boolean {
  return (
    a.header === b.header &&
    a.oldStart === b.oldStart &&
    a.oldLines === b.oldLines &&
    a.newStart === b.newStart &&
    a.newLines === b.newLines &&
    sameLines(a.lines, b.lines)
  );
}

/** True when two versions of a changed file would show exactly the same. */
export function sameFile(a: DiffFile, b: DiffFile): boolean {
  return (
    a.path === b.path &&
    a.oldPath === b.oldPath &&
    a.status === b.status &&
    a.binary === b.binary &&
    a.additions === b.additions &&
    a.deletions === b.deletions &&
    a.truncated?.reason === b.truncated?.reason &&
    a.truncated?.omittedLines === b.truncated?.omittedLines &&
    a.hunks.length === b.hunks.length &&
    a.hunks.every((hunk, index) => sameHunk(hunk, b.hunks[index]!))
  );
}

/**
 * A refreshed diff that keeps the previous objects where nothing changed: the previous diff
 * itself when it is identical (so a refresh that finds nothing new re-renders nothing), otherwise
 * the new diff with every unchanged file's previous object, whose rendered rows and syntax
 * tokens (cached per file object) are then reused.
 */
export function reuseUnchanged(previous: TaskDiff | null, next: TaskDiff): TaskDiff {
  if (!previous) return next;
  const before = new Map(previous.files.map((file) => [file.path, file]));
  // Everything but the files is small (base, merge source...): any difference there is a new diff.
  const { files: _previousFiles, ...previousRest } = previous;
  const { files: _nextFiles, ...nextRest } = next;
  let changed =
    previous.files.length !== next.files.length || JSON.stringify(previousRest) !== JSON.stringify(nextRest);
  const files = next.files.map((file, index) => {
    const old = before.get(file.path);
    if (old && sameFile(old, file)) {
      if (previous.files[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return file;
  });
  return changed ? { ...next, files } : previous;
}
