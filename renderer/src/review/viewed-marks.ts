import type { DiffFile } from '../../../shared/diff.js';

/**
 * The files of a task the user marked as viewed: path → the identity of the file's diff when it
 * was marked. A file whose diff changes since then (a new turn, the user's own edit) no longer
 * matches, so it counts as not viewed again.
 */
export type ViewedMarks = Readonly<Record<string, string>>;

const storagePrefix = 'flotilla.review.viewed.';
const identities = new WeakMap<DiffFile, string>();

/** A 53-bit string hash (cyrb53), as hex: collisions are vanishingly rare for what it keys. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/**
 * What a file's diff is, as a short string: its status, old path, counts and every hunk line. Two
 * diffs of a file that show the same have the same identity. Cached per file object (a refreshed
 * diff keeps the objects of unchanged files, see diff-reuse.ts).
 */
export function fileIdentity(file: DiffFile): string {
  let identity = identities.get(file);
  if (identity === undefined) {
    const head = [
      file.status,
      file.oldPath ?? '',
      file.binary ? 'binary' : 'text',
      file.additions,
      file.deletions,
      file.truncated?.omittedLines ?? 0,
    ].join('\u0000');
    const body = file.hunks.map((hunk) => `${hunk.header}\n${hunk.lines.join('\n')}`).join('\n\u0001');
    identity = hash(`${head}\u0002${body}`);
    identities.set(file, identity);
  }
  return identity;
}

/** True when the file was marked viewed and has not changed since. */
export function isViewed(marks: ViewedMarks | undefined, file: DiffFile): boolean {
  return marks?.[file.path] === fileIdentity(file);
}

/** How many of the files are marked viewed and unchanged since. */
export function countViewed(marks: ViewedMarks | undefined, files: readonly DiffFile[]): number {
  if (!marks) return 0;
  return files.reduce((count, file) => count + (isViewed(marks, file) ? 1 : 0), 0);
}

/** The marks with one file marked viewed (as its diff is now) or unmarked. */
export function withViewed(marks: ViewedMarks, file: DiffFile, viewed: boolean): ViewedMarks {
  const next = { ...marks };
  if (viewed) next[file.path] = fileIdentity(file);
  else delete next[file.path];
  return next;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be switched off (private windows, policies); marks then last for the session.
    return null;
  }
}

/** The marks saved for a task; none when nothing was saved or what was saved is unreadable. */
export function loadViewedMarks(taskId: string): ViewedMarks {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(storagePrefix + taskId) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/** Saves a task's marks (removes the entry when there are none). */
export function saveViewedMarks(taskId: string, marks: ViewedMarks): void {
  const store = storage();
  try {
    if (Object.keys(marks).length === 0) store?.removeItem(storagePrefix + taskId);
    else store?.setItem(storagePrefix + taskId, JSON.stringify(marks));
  } catch {
    // Full or unavailable storage: the marks still hold for this session.
  }
}
