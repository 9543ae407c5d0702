import { copyFile, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from './git.js';
import { commitTree } from './commit.js';
import { engineSafeConfig } from './safe-config.js';

/** Path of a worktree's own git dir (index, HEAD), which differs from the shared common dir. */
export async function worktreeGitDir(worktree: string): Promise<string> {
  const out = await git({
    name: 'rev-parse.gitDir',
    cwd: worktree,
    args: ['rev-parse', '--absolute-git-dir'],
    readOnly: true,
  });
  return out.stdout.trim();
}

/** What a snapshot starts from: the worktree's own git dir, its HEAD commit and that commit's tree. */
export interface WorktreeState {
  gitDir: string;
  head: string;
  headTree: string;
}

/** Reads a worktree's git dir, HEAD and HEAD's tree in one git call. */
export async function worktreeState(worktree: string): Promise<WorktreeState> {
  // The trailing `--` makes git read both names as revisions, never paths, so a HEAD that does not
  // resolve fails the call.
  const out = await git({
    name: 'rev-parse.state',
    cwd: worktree,
    args: ['rev-parse', '--absolute-git-dir', 'HEAD^{commit}', 'HEAD^{tree}', '--'],
    readOnly: true,
  });
  const [gitDir = '', head = '', headTree = ''] = out.stdout.split('\n');
  return { gitDir, head, headTree };
}

/**
 * Writes the tree of everything in a worktree (tracked, modified, untracked but not ignored)
 * without touching its real index: it works on a copy of the index in a temp file. Pass the
 * worktree's git dir when it is already known, to save a git call. With `objectDirectory` (see
 * withScratchObjects) the new blobs and trees go there and the repository is not written at all;
 * read the tree back with that folder's environment.
 */
export async function snapshotTree(worktree: string, gitDir?: string, objectDirectory?: string): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'flotilla-index-'));
  const index = join(scratch, 'index');
  try {
    // Starting from the real index keeps `add -A` stat-based and fast on big repos. The copy keeps
    // the index's own times: git trusts same-size entries only when the index is newer than them
    // ("racy git"), so a fresh mtime would hide same-second edits of unchanged size.
    const realIndex = join(gitDir ?? (await worktreeGitDir(worktree)), 'index');
    try {
      await copyFile(realIndex, index);
      const times = await stat(realIndex);
      await utimes(index, times.atime, times.mtime);
    } catch {
      // No index yet (fresh worktree): add -A builds one from scratch.
    }
    const env = { GIT_INDEX_FILE: index, ...(objectDirectory ? { GIT_OBJECT_DIRECTORY: objectDirectory } : {}) };
    // Scratch objects alone hold only what changed; the rest is in the repository, which write-tree
    // then cannot see (hence --missing-ok). A split index would write its shared part into the git dir.
    const scratchFlags = objectDirectory ? ['-c', 'core.splitIndex=false'] : [];
    await git({
      name: 'snapshot.add',
      cwd: worktree,
      args: [...engineSafeConfig, ...scratchFlags, 'add', '-A', '--', '.'],
      env,
    });
    return (
      await git({
        name: 'snapshot.writeTree',
        cwd: worktree,
        args: [...engineSafeConfig, ...scratchFlags, 'write-tree', ...(objectDirectory ? ['--missing-ok'] : [])],
        env,
      })
    ).stdout.trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A commit holding the worktree's full current state on top of HEAD: HEAD itself when nothing
 * changed, otherwise a new dangling commit. Used by diff and merge preview; touches nothing.
 */
export async function snapshotCommit(worktree: string, message = 'flotilla: snapshot'): Promise<string> {
  const { gitDir, head, headTree } = await worktreeState(worktree);
  const tree = await snapshotTree(worktree, gitDir);
  if (tree === headTree) return head;
  return commitTree(worktree, tree, [head], message);
}
