import { git } from './git.js';
import { engineSafeConfig } from './safe-config.js';

/** One worktree git knows about, as `git worktree list --porcelain -z` reports it. */
export interface WorktreeEntry {
  /** The worktree's folder as git recorded it (absolute). */
  path: string;
  /** The commit checked out; null for a bare repo or an unborn branch. */
  head: string | null;
  /** Short branch name (`flotilla/t1`); null when detached or bare. */
  branch: string | null;
  detached: boolean;
  bare: boolean;
  /** True for the first entry: the repository's main worktree (never a task's). */
  main: boolean;
  locked: boolean;
  /** Why it was locked, when a reason was given. */
  lockedReason: string | null;
  /** True when git would prune it (usually: its folder is gone). */
  prunable: boolean;
  prunableReason: string | null;
}

/**
 * Every worktree of the repository that `repoPath` belongs to, main worktree first. Read-only, with the engine's safe
 * config.
 */
export async function listWorktrees(repoPath: string): Promise<WorktreeEntry[]> {
  const out = await git({
    name: 'worktree.list',
    cwd: repoPath,
    args: [...engineSafeConfig, 'worktree', 'list', '--porcelain', '-z'],
    readOnly: true,
  });
  return parseWorktreeList(out.stdout);
}

/** Parses `git worktree list --porcelain -z` output: NUL-ended attribute lines, an empty one ending each record. */
export function parseWorktreeList(output: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  let current: WorktreeEntry | null = null;
  for (const field of output.split('\0')) {
    if (field === '') {
      current = null;
      continue;
    }
    const space = field.indexOf(' ');
    const key = space === -1 ? field : field.slice(0, space);
    const value = space === -1 ? null : field.slice(space + 1);
    if (key === 'worktree') {
      current = emptyEntry(value ?? '', entries.length === 0);
      entries.push(current);
      continue;
    }
    if (!current) continue;
    applyField(current, key, value);
  }
  return entries;
}

function emptyEntry(path: string, main: boolean): WorktreeEntry {
  return {
    path,
    head: null,
    branch: null,
    detached: false,
    bare: false,
    main,
    locked: false,
    lockedReason: null,
    prunable: false,
    prunableReason: null,
  };
}

function applyField(entry: WorktreeEntry, key: string, value: string | null): void {
  switch (key) {
    case 'HEAD':
      // An unborn branch is reported as the all-zero id.
      entry.head = value && !/^0+$/.test(value) ? value : null;
      return;
    case 'branch':
      entry.branch = value?.startsWith('refs/heads/') ? value.slice('refs/heads/'.length) : value;
      return;
    case 'detached':
      entry.detached = true;
      return;
    case 'bare':
      entry.bare = true;
      return;
    case 'locked':
      entry.locked = true;
      entry.lockedReason = value;
      return;
    case 'prunable':
      entry.prunable = true;
      entry.prunableReason = value;
      return;
    default:
      // Newer git versions may add attributes; ignoring them keeps older parsers working.
      return;
  }
}
