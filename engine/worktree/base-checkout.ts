import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../errors.js';
import { GitError } from '../git/git-error.js';
import { git } from '../git/git.js';
import { engineSafeConfig } from '../git/safe-config.js';
import { headCommit, symbolicHead } from '../git/refs.js';
import { listWorktrees } from '../git/worktree-list.js';

/** A branch tip as people read it in messages. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}

/** The error for a target branch that moved between reading it and moving it; retrying after a new preview works. */
export function baseMovedError(into: string, was: string, now: string): EngineError {
  return new EngineError(
    'baseMoved',
    `${into} moved since the preview (was ${shortCommit(was)}, now ${shortCommit(now)}). Preview again and merge.`,
    { into, was, now },
  );
}

/**
 * The folder where a local branch is checked out (the user's main checkout or any linked
 * worktree), or null when no worktree has it. Worktrees whose folder git already considers
 * gone (prunable) do not count; a locked one whose folder is missing cannot be kept in sync, so it is an error.
 */
export async function findBranchCheckout(repoPath: string, branch: string): Promise<string | null> {
  const entry = (await listWorktrees(repoPath)).find((candidate) => candidate.branch === branch && !candidate.prunable);
  if (!entry) return null;
  if (!existsSync(entry.path)) {
    throw new EngineError(
      'folderMissing',
      `${branch} is checked out at ${entry.path}, which is missing. Reconnect that folder or remove the worktree, then merge again.`,
      { checkout: entry.path },
    );
  }
  return entry.path;
}

// Headers git prints before listing, one per tab-indented line, the paths that block updating a checkout.
const blockingHeaders = [
  /local changes to the following files would be overwritten/,
  /following untracked working tree files would be (overwritten|removed)/,
  /Updating the following directories would lose untracked files/,
];

/** The files git names as standing in the way of updating a checkout, from its "would be overwritten" messages. */
export function parseBlockingFiles(stderr: string): string[] {
  const files: string[] = [];
  let listing = false;
  for (const line of stderr.split('\n')) {
    if (blockingHeaders.some((header) => header.test(line))) listing = true;
    else if (listing && line.startsWith('\t')) files.push(line.slice(1));
    else listing = false;
    const entry = /^(?:error: )?Entry '(.+)' (?:not uptodate|would be overwritten)/.exec(line);
    if (entry?.[1]) files.push(entry[1]);
  }
  return [...new Set(files)];
}

/**
 * The files in a checkout that fast-forwarding it over `changes` would overwrite, which git
 * refuses to do: uncommitted (staged or not) edits to files the merge changes, and anything on
 * disk (untracked, even ignored) where the merge adds a file. Read-only; never refreshes the index.
 */
export async function blockingFiles(
  checkout: string,
  changes: { files: readonly string[]; added: readonly string[] },
): Promise<string[]> {
  if (changes.files.length === 0) return [];
  const out = await git({
    name: 'status.checkout',
    cwd: checkout,
    args: ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'],
    readOnly: true,
  });
  const dirty = new Set(
    out.stdout
      .split('\0')
      .filter((record) => record.length > 3)
      .map((record) => record.slice(3)),
  );
  const blocking = new Set(changes.files.filter((path) => dirty.has(path)));
  // Ignored files do not show in status, yet git will not overwrite them either (--no-overwrite-ignore).
  for (const path of changes.added) if (existsSync(join(checkout, path))) blocking.add(path);
  return [...blocking].sort();
}

/** A branch checked out somewhere and the move to make on it. */
export interface CheckoutMove {
  /** The folder that has `into` checked out. */
  checkout: string;
  into: string;
  /** The tip the merge was computed on; the checkout's HEAD must still be here. */
  from: string;
  /** A commit that descends from `from`. */
  to: string;
}

/**
 * Moves a checked-out branch by fast-forwarding its checkout, so the working tree and index follow
 * the branch. Git refuses rather than overwrite the user's uncommitted or untracked (even ignored)
 * files; then this throws checkoutDirty and the branch has not moved. Edits to other files stay.
 */
export async function fastForwardCheckout(move: CheckoutMove): Promise<void> {
  const { checkout, into, from, to } = move;
  const symbolic = await symbolicHead(checkout);
  const head = await headCommit(checkout);
  // The user may have switched branches or committed since the worktree list was read.
  if (symbolic !== `refs/heads/${into}` || head !== from) throw baseMovedError(into, from, head);
  const args = [
    'merge',
    '--ff-only',
    '--no-edit',
    '--no-autostash',
    '--no-verify-signatures',
    '--no-overwrite-ignore',
    '--no-stat',
    '--quiet',
    to,
  ];
  try {
    await git({ name: 'merge.fastForward', cwd: checkout, args: [...engineSafeConfig, ...args] });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const files = parseBlockingFiles(error.stderr);
    if (files.length > 0) {
      throw new EngineError(
        'checkoutDirty',
        `Your checkout at ${checkout} has uncommitted changes to ${files.join(', ')} that the merge would overwrite. Commit or stash them, then merge again.`,
        { files, checkout },
      );
    }
    if (/Not possible to fast-forward/.test(error.stderr)) throw baseMovedError(into, from, await headCommit(checkout));
    throw error;
  }
}
