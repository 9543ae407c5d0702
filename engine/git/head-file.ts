import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

// Reading and writing HEAD and refs as files, the way git itself does for the "files" ref backend, so the hot paths
// (a task's start, a turn's start) spawn no git for them. Anything unexpected (a reftable repository, a symbolic
// branch, a lock held by git) answers null so the caller asks git instead: these are fast paths, never the only way.

const objectId = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Where a worktree's (or repository's) own git dir and the shared common dir are. */
export interface GitDirs {
  gitDir: string;
  commonDir: string;
}

/** The git dirs of a working tree, from its `.git` folder or `gitdir:` file; null when it has neither. */
export async function gitDirsOf(worktree: string): Promise<GitDirs | null> {
  const dotGit = join(worktree, '.git');
  const pointer = await readFile(dotGit, 'utf8').catch((error: NodeJS.ErrnoException) =>
    error.code === 'EISDIR' ? null : undefined,
  );
  if (pointer === undefined) return null;
  let gitDir = dotGit;
  if (pointer !== null) {
    const match = /^gitdir: (.+)\n?$/.exec(pointer);
    if (!match?.[1]) return null;
    gitDir = resolve(worktree, match[1]);
  }
  const common = await readFile(join(gitDir, 'commondir'), 'utf8').catch(() => null);
  return { gitDir, commonDir: common === null ? gitDir : resolve(gitDir, common.trim()) };
}

/** What HEAD holds: a branch (full ref name) or a detached commit. */
export type HeadFile = { kind: 'branch'; ref: string } | { kind: 'detached'; commit: string };

/** A worktree's HEAD as its file says, or null when the file is missing or unusual. */
export async function readHeadFile(dirs: GitDirs): Promise<HeadFile | null> {
  const text = (await readFile(join(dirs.gitDir, 'HEAD'), 'utf8').catch(() => '')).trim();
  if (objectId.test(text)) return { kind: 'detached', commit: text };
  const ref = /^ref: (refs\/heads\/\S+)$/.exec(text)?.[1];
  return ref ? { kind: 'branch', ref } : null;
}

/**
 * The commit a branch ref points at, from its loose file or packed-refs; null when neither has it (an unborn branch,
 * or refs kept some other way: ask git).
 */
export async function readBranchRef(commonDir: string, ref: string): Promise<string | null> {
  const loose = await readFile(join(commonDir, ref), 'utf8').catch(() => null);
  if (loose !== null) {
    const commit = loose.trim();
    return objectId.test(commit) ? commit : null;
  }
  const packed = await readFile(join(commonDir, 'packed-refs'), 'utf8').catch(() => '');
  for (const line of packed.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && line.slice(space + 1) === ref) {
      const commit = line.slice(0, space);
      return objectId.test(commit) ? commit : null;
    }
  }
  return null;
}

/** A worktree's HEAD commit and branch read from files, or null when git must be asked. */
export async function readHead(worktree: string): Promise<{ commit: string; branch: string | null } | null> {
  const dirs = await gitDirsOf(worktree);
  const head = dirs && (await readHeadFile(dirs));
  if (!dirs || !head) return null;
  if (head.kind === 'detached') return { commit: head.commit, branch: null };
  const commit = await readBranchRef(dirs.commonDir, head.ref);
  return commit === null ? null : { commit, branch: head.ref.slice('refs/heads/'.length) };
}

/**
 * Points a worktree's HEAD at a branch by writing its HEAD file through `HEAD.lock`, as `git symbolic-ref` does; false
 * (nothing written) when that lock is held or the worktree's git dir cannot be found, so the caller asks git.
 */
export async function writeHeadFile(worktree: string, branch: string): Promise<boolean> {
  const dirs = await gitDirsOf(worktree);
  if (!dirs || !isAbsolute(dirs.gitDir)) return false;
  const head = join(dirs.gitDir, 'HEAD');
  const lock = `${head}.lock`;
  try {
    await writeFile(lock, `ref: refs/heads/${branch}\n`, { flag: 'wx' });
  } catch {
    return false;
  }
  try {
    await rename(lock, head);
    return true;
  } catch {
    await unlink(lock).catch(() => undefined);
    return false;
  }
}
