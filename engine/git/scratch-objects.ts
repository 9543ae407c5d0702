import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { git } from './git.js';

/**
 * A throwaway object folder for a read that has to hash files (a worktree snapshot), so nothing
 * lands in the repository's own object database.
 */
export interface ScratchObjects {
  /** Where new blobs and trees go (GIT_OBJECT_DIRECTORY for the snapshot itself). */
  directory: string;
  /** Environment for git calls that read both the scratch objects and the repository's. */
  readEnv: Record<string, string>;
}

/**
 * Runs `work` with a scratch object folder next to the repository of `cwd` and deletes the folder
 * afterwards. The repository's objects are reached as an alternate only by readers: writing while
 * an alternate is set would "freshen" (touch) the repository's copies of objects it already has.
 */
export async function withScratchObjects<T>(cwd: string, work: (scratch: ScratchObjects) => Promise<T>): Promise<T> {
  const out = await git({
    name: 'rev-parse.objects',
    cwd,
    args: ['rev-parse', '--path-format=absolute', '--git-path', 'objects'],
    readOnly: true,
  });
  const directory = await mkdtemp(join(tmpdir(), 'flotilla-objects-'));
  try {
    return await work({
      directory,
      readEnv: { GIT_OBJECT_DIRECTORY: directory, GIT_ALTERNATE_OBJECT_DIRECTORIES: alternatePath(out.stdout.trim()) },
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

// git reads a path holding the list separator (or starting with a quote) only when it is C-quoted.
function alternatePath(path: string): string {
  return path.includes(delimiter) || path.startsWith('"') ? JSON.stringify(path) : path;
}
