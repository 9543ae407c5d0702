import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EngineError } from '../errors.js';
import { git } from '../git/git.js';
import { GitError } from '../git/git-error.js';
import { gitCommonDir } from '../git/common-dir.js';
import { listWorktrees, type WorktreeEntry } from '../git/worktree-list.js';

/** Where the ownership gate looks: the user's repo, the folder to delete, and FLOTILLA_HOME/worktrees. */
export interface OwnershipInput {
  repoPath: string;
  worktree: string;
  worktreesRoot: string;
  /** The repository's git common dir (realpath) when the caller knows it, saving a git call. */
  commonDir?: string;
}

/**
 * What the ownership gate found. `present`: a linked worktree of this repo strictly inside the
 * root, safe to remove. `missing`: the folder is gone (deleted behind git's back); nothing on
 * disk to delete, callers just clean up git's records (`entry` is git's record, if it has one).
 */
export type OwnedWorktree =
  | { kind: 'present'; path: string; entry: WorktreeEntry }
  | { kind: 'missing'; path: string; entry: WorktreeEntry | null };

/** Why the gate refused; kept in the error's details for logs, never shown as the message. */
type RefusalReason =
  'rootMissing' | 'outsideRoot' | 'notRegistered' | 'mainWorktree' | 'danglingLink' | 'brokenWorktree';

/**
 * The safety gate before ANY deletion of a worktree folder. Passes only when the folder's
 * realpath is strictly inside the realpath of `worktreesRoot` (so a symlink in the root that
 * points elsewhere fails) and git lists that realpath as a linked (not main) worktree of
 * `repoPath` whose git commands really act on this repo. Throws EngineError('unsafePath') otherwise.
 */
export async function assertOwnedWorktree(input: OwnershipInput): Promise<OwnedWorktree> {
  const refuse = (reason: RefusalReason): EngineError =>
    new EngineError(
      'unsafePath',
      `Refusing to delete ${input.worktree}: it is not a Flotilla worktree under FLOTILLA_HOME.`,
      { path: input.worktree, reason },
    );
  const root = await realpath(input.worktreesRoot).catch(() => null);
  if (root === null) throw refuse('rootMissing');
  if (!(await exists(input.worktree))) {
    const path = await resolveThroughExisting(input.worktree);
    if (!isStrictlyInside(root, path)) throw refuse('outsideRoot');
    const entry = await findEntry(input.repoPath, path);
    if (entry?.main || entry?.bare) throw refuse('mainWorktree');
    return { kind: 'missing', path, entry };
  }
  const path = await realpath(input.worktree).catch(() => null);
  if (path === null) throw refuse('danglingLink');
  if (!isStrictlyInside(root, path)) throw refuse('outsideRoot');
  const entry = await findEntry(input.repoPath, path);
  if (!entry) throw refuse('notRegistered');
  if (entry.main || entry.bare) throw refuse('mainWorktree');
  if (!(await actsOnRepo(path, input.repoPath, input.commonDir))) throw refuse('brokenWorktree');
  return { kind: 'present', path, entry };
}

/** True when `child` is a different path below `parent` (both already resolved). */
export function isStrictlyInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  if (rel === '' || isAbsolute(rel)) return false;
  return rel !== '..' && !rel.startsWith(`..${sep}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Realpath of the nearest existing ancestor with the missing rest appended, so a gone folder still compares like git's
 * record.
 */
async function resolveThroughExisting(path: string): Promise<string> {
  const absolute = resolve(path);
  const real = await realpath(absolute).catch(() => null);
  if (real !== null) return real;
  const parent = dirname(absolute);
  if (parent === absolute) return absolute;
  return join(await resolveThroughExisting(parent), basename(absolute));
}

async function findEntry(repoPath: string, path: string): Promise<WorktreeEntry | null> {
  const entries = await listWorktrees(repoPath);
  // git records real paths, so the entry usually matches as it is; resolving each one (hundreds of worktrees) is for
  // records made through a symlink.
  const exact = entries.find((entry) => entry.path === path);
  if (exact) return exact;
  for (const entry of entries) {
    if ((await resolveThroughExisting(entry.path)) === path) return entry;
  }
  return null;
}

/**
 * A folder whose `.git` link is broken makes git walk up to whatever repo encloses it; checking
 * that git inside the folder sees this very folder and this repo keeps snapshots and removal honest.
 */
async function actsOnRepo(path: string, repoPath: string, repoCommonDir?: string): Promise<boolean> {
  try {
    // One call for both: --show-toplevel is absolute already, the common dir is made so.
    const out = await git({
      name: 'rev-parse.toplevel',
      cwd: path,
      args: ['rev-parse', '--show-toplevel', '--path-format=absolute', '--git-common-dir'],
      readOnly: true,
    });
    const [top = '', common = ''] = out.stdout.split('\n');
    const [realTop, realCommon, expected] = await Promise.all([
      realpath(top),
      realpath(common),
      repoCommonDir ?? gitCommonDir(repoPath),
    ]);
    return realTop === path && realCommon === expected;
  } catch (error) {
    if (error instanceof GitError || (error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
