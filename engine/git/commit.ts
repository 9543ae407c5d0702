import { git } from './git.js';
import { commitIdentity } from './identity.js';
import { headCommit } from './refs.js';
import { engineSafeConfig } from './safe-config.js';

/** Creates a commit object (on no branch) with the given tree, parents and message; returns its id. */
export async function commitTree(
  cwd: string,
  tree: string,
  parents: readonly string[],
  message: string,
): Promise<string> {
  const args = ['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent]), '-m', message];
  const out = await git({
    name: 'commit-tree',
    cwd,
    args: [...engineSafeConfig, ...args],
    env: await commitIdentity(cwd),
  });
  return out.stdout.trim();
}

/**
 * Stages everything in a worktree (untracked files too) and commits it on its current branch with
 * the engine's safe config (no hooks, no signing); returns the new HEAD, or null when nothing staged.
 */
export async function commitAll(worktree: string, message: string): Promise<string | null> {
  await git({ name: 'commit.add', cwd: worktree, args: [...engineSafeConfig, 'add', '-A', '--', '.'] });
  // Status can report changes that stage to nothing (a file mode git is told to ignore, say).
  const staged = await git({
    name: 'commit.staged',
    cwd: worktree,
    args: [...engineSafeConfig, 'diff', '--cached', '--quiet', '--no-ext-diff'],
    okExitCodes: [1],
  });
  if (staged.exitCode === 0) return null;
  await git({
    name: 'commit.commit',
    cwd: worktree,
    args: [...engineSafeConfig, 'commit', '--quiet', '--no-verify', '--no-edit', '--cleanup=verbatim', '-m', message],
    env: await commitIdentity(worktree),
  });
  return headCommit(worktree);
}
