import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EngineError } from '../errors.js';

/** Longest path an agent may name; longer ones are refused before touching the file system. */
export const maxPathLength = 4096;

/**
 * Resolves a path an agent gave to a real path inside its worktree, or refuses with an
 * `unsafePath` EngineError: `..` escapes, absolute paths outside, other drives and UNC paths,
 * NUL bytes, over-long paths, symlinks pointing out (at any level, resolved from the deepest
 * existing ancestor), dangling symlinks and symlink loops, and anything inside a `.git` folder
 * or the worktree's `.git` file. Names like `~` or `%2e%2e` are literal names, never expanded.
 */
export async function resolveInside(root: string, requested: string): Promise<string> {
  const refuse = (why: string): never => {
    const shown = requested.length > 200 ? `${requested.slice(0, 200)}…` : requested;
    throw new EngineError(
      'unsafePath',
      `Refused path "${shown.replace(/\0/g, '\\0')}": ${why}. Use a path inside the task's worktree.`,
    );
  };
  if (requested.includes('\0')) refuse('it contains a NUL byte');
  if (requested.length > maxPathLength) refuse(`it is longer than ${maxPathLength} characters`);
  // On Windows, resolve() below already sees drives and shares; elsewhere such names would be
  // literal file names, refused anyway because an agent writing them means another drive.
  if (sep === '/' && (/^[a-zA-Z]:/.test(requested) || requested.startsWith('\\\\')))
    refuse('it names another drive or a network share');
  const realRoot = await realpath(root);
  const target = resolve(realRoot, requested);
  if (!isWithin(realRoot, target)) refuse('it is outside the worktree');
  let existing = target;
  const tail: string[] = [];
  for (;;) {
    const real = await realpathOrMissing(existing);
    if (real === 'loop') refuse('it goes through a symlink loop');
    if (real !== null) {
      existing = real;
      break;
    }
    // realpath fails on a dangling symlink too; following it later would write wherever it points.
    if (await isSymlink(existing)) refuse('it goes through a symlink that points nowhere');
    if (existing === realRoot || dirname(existing) === existing) break;
    tail.unshift(basename(existing));
    existing = dirname(existing);
  }
  const resolved = tail.length ? join(existing, ...tail) : existing;
  if (!isWithin(realRoot, resolved)) refuse('it leads outside the worktree through a symlink');
  if (relative(realRoot, resolved).split(sep).some(isGitName)) refuse('files in .git are off limits');
  return resolved;
}

/** Whether a path (already resolved) is the root or inside it. */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Whether a path segment names git's data, including spellings case-insensitive or Windows file systems treat as
 * `.git`.
 */
export function isGitName(segment: string): boolean {
  const name = segment.toLowerCase();
  return name.replace(/[. ]+$/, '') === '.git' || name.startsWith('.git:');
}

/** The real path, 'loop' for a symlink loop, or null when something on the way does not exist. */
async function realpathOrMissing(path: string): Promise<string | 'loop' | null> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ELOOP' ? 'loop' : null;
  }
}

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}
