import type { DiffHunk, fileChangeStatuses } from '../../shared/diff.js';

/** How a file changed, as the shared contract names it. */
export type FileChangeStatus = (typeof fileChangeStatuses)[number];

/** One file of a tree-to-tree change list, from `git diff --raw --numstat -z --no-abbrev`. */
export interface ChangeEntry {
  status: FileChangeStatus;
  /** The file's path after the change (its old path when it was deleted). */
  path: string;
  /** The source path of a rename or copy; null otherwise. */
  oldPath: string | null;
  oldMode: string;
  newMode: string;
  /** Blob ids; all zeros for a side that does not exist. */
  oldBlob: string;
  newBlob: string;
  binary: boolean;
  additions: number;
  deletions: number;
}

/** The hunks of one file read from a patch, cut to a line limit. */
export interface PatchSection {
  /** The file's path after the change, matching ChangeEntry.path. */
  path: string;
  hunks: DiffHunk[];
  /** Hunk lines in git's output for this file, kept or not. */
  totalLines: number;
  /** Hunk lines left out because of the limit. */
  omittedLines: number;
  /** Added and removed lines in git's output for this file, kept or not (what `--numstat` counts). */
  additions: number;
  deletions: number;
  /** git printed "Binary files … differ" instead of hunks. */
  binary: boolean;
}

/** Maps git's one-letter status (R086, C100, M, ...) to the contract's status. */
export function statusFromLetter(field: string): FileChangeStatus {
  switch (field.charAt(0)) {
    case 'A':
      return 'added';
    case 'D':
      return 'deleted';
    case 'R':
      return 'renamed';
    case 'C':
      return 'copied';
    case 'T':
      return 'typeChanged';
    default:
      return 'modified';
  }
}

interface CountRow {
  path: string;
  binary: boolean;
  additions: number;
  deletions: number;
}

/** Parses the combined `--raw --numstat -z --no-abbrev` output of a tree-to-tree diff. */
export function parseChangeList(output: string): ChangeEntry[] {
  const tokens = output.split('\0');
  const entries: ChangeEntry[] = [];
  const counts = new Map<string, CountRow[]>();
  let index = 0;
  const next = () => tokens[index++] ?? '';
  while (index < tokens.length) {
    const token = next();
    if (token === '') continue;
    if (token.startsWith(':')) {
      const [oldMode = '', newMode = '', oldBlob = '', newBlob = '', field = ''] = token.slice(1).split(' ');
      const status = statusFromLetter(field);
      const twoPaths = status === 'renamed' || status === 'copied';
      const first = next();
      const path = twoPaths ? next() : first;
      entries.push({
        status,
        path,
        oldPath: twoPaths ? first : null,
        oldMode,
        newMode,
        oldBlob,
        newBlob,
        binary: false,
        additions: 0,
        deletions: 0,
      });
      continue;
    }
    const match = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/.exec(token);
    if (!match) continue;
    const [, added = '-', deleted = '-', inline = ''] = match;
    // A rename's numstat row has an empty path and then the old and new paths as their own fields.
    const path = inline === '' ? (next(), next()) : inline;
    const row = { path, binary: added === '-', additions: Number(added) || 0, deletions: Number(deleted) || 0 };
    counts.set(path, [...(counts.get(path) ?? []), row]);
  }
  for (const entry of entries) {
    const row = counts.get(entry.path)?.shift();
    if (row) Object.assign(entry, { binary: row.binary, additions: row.additions, deletions: row.deletions });
  }
  return entries;
}

/** Parses `git cat-file --batch-check` output (`<id> <type> <size>` or `<id> missing`) into sizes. */
export function parseBlobSizes(output: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const line of output.split('\n')) {
    const [id, type, size] = line.trim().split(' ');
    if (id && type && type !== 'missing' && size !== undefined) sizes.set(id, Number(size));
  }
  return sizes;
}

const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Reads a C-style quoted string (git's quoting of unusual paths) starting at `start`; null if there is none. */
export function readQuoted(text: string, start = 0): { value: string; end: number } | null {
  if (text.charAt(start) !== '"') return null;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  let index = start + 1;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === '"') return { value: new TextDecoder().decode(new Uint8Array(bytes)), end: index + 1 };
    if (char === '\\') {
      const code = text.charAt(index + 1);
      if (/[0-7]/.test(code)) {
        bytes.push(parseInt(text.slice(index + 1, index + 4), 8));
        index += 4;
      } else {
        bytes.push(escapes[code] ?? code.charCodeAt(0));
        index += 2;
      }
      continue;
    }
    const point = text.codePointAt(index) ?? 0;
    bytes.push(...encoder.encode(String.fromCodePoint(point)));
    index += point > 0xffff ? 2 : 1;
  }
  return null;
}

/** A path as git prints it in patch headers: C-quoted when it has unusual characters, raw otherwise. */
export function unquotePath(text: string): string {
  const quoted = readQuoted(text);
  return quoted && quoted.end === text.length ? quoted.value : text;
}

// `diff --git a/P b/P`: without a rename both sides are the same path, which makes spaces unambiguous.
function headerPath(rest: string): string | null {
  const first = readQuoted(rest);
  if (first) {
    const second = readQuoted(rest, first.end + 1);
    return second ? second.value.replace(/^b\//, '') : null;
  }
  const length = (rest.length - 5) / 2;
  if (!Number.isInteger(length) || length < 0) return null;
  const path = rest.slice(2, 2 + length);
  return rest === `a/${path} b/${path}` ? path : null;
}

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses a `git diff` patch (with `a/` and `b/` prefixes) into one section per file. Past
 * `maxLines` hunk lines in a file, lines are only counted. Consecutive sections for the same path
 * (git prints a type change as a deletion then an addition) are merged into one.
 */
export function parsePatch(output: string, maxLines: number): PatchSection[] {
  const sections: PatchSection[] = [];
  let section: PatchSection | null = null;
  let hunk: DiffHunk | null = null;
  let kept = 0;
  let inHeader = false;
  let start = 0;
  while (start < output.length) {
    const end = output.indexOf('\n', start);
    const line = output.slice(start, end === -1 ? output.length : end);
    start = end === -1 ? output.length : end + 1;
    if (line.startsWith('diff --git ')) {
      const path = headerPath(line.slice('diff --git '.length)) ?? '';
      hunk = null;
      inHeader = true;
      if (section === null || section.path !== path) {
        section = { path, hunks: [], totalLines: 0, omittedLines: 0, additions: 0, deletions: 0, binary: false };
        sections.push(section);
        kept = 0;
      }
      continue;
    }
    if (!section) continue;
    const header = hunkHeader.exec(line);
    if (header) {
      hunk = null;
      inHeader = false;
      if (kept >= maxLines) continue;
      const [, oldStart = '0', oldLines = '1', newStart = '0', newLines = '1'] = header;
      hunk = {
        header: line,
        oldStart: Number(oldStart),
        oldLines: Number(oldLines),
        newStart: Number(newStart),
        newLines: Number(newLines),
        lines: [],
      };
      section.hunks.push(hunk);
      continue;
    }
    if (inHeader) {
      // Still in the file's header: only the rename or copy target changes which file this is.
      const target = /^(?:rename|copy) to (.*)$/.exec(line);
      if (target?.[1] !== undefined) section.path = unquotePath(target[1]);
      if (line.startsWith('Binary files ') && line.endsWith(' differ')) section.binary = true;
      continue;
    }
    if (!/^[ +\-\\]/.test(line) && line !== '') continue;
    section.totalLines += 1;
    if (line[0] === '+') section.additions += 1;
    else if (line[0] === '-') section.deletions += 1;
    if (hunk && kept < maxLines) {
      // diff.suppressBlankEmpty prints an empty context line as nothing at all.
      hunk.lines.push(line === '' ? ' ' : line);
      kept += 1;
    } else {
      section.omittedLines += 1;
    }
  }
  return sections;
}
