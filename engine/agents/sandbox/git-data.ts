import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from '../../git/git.js';

/**
 * The git data a sandboxed command must not write: the worktree's git dir, the repository's common
 * git dir (objects, refs, config, hooks) and the worktree's own `.git` file or folder, which could
 * otherwise be pointed at a git dir of the agent's making. Real paths, deduplicated.
 */
export async function gitDataPaths(worktree: string): Promise<string[]> {
  const paths: string[] = [];
  try {
    const out = await git({
      name: 'sandbox.gitDirs',
      cwd: worktree,
      args: ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir'],
      readOnly: true,
      timeoutMs: 10_000,
    });
    paths.push(
      ...out.stdout
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    );
  } catch {
    // Not a git worktree (or git is missing): there is no git data to protect beyond `.git` itself.
  }
  const dotGit = join(worktree, '.git');
  if (existsSync(dotGit)) paths.push(dotGit);
  const real = await Promise.all(paths.map((path) => realpath(path).catch(() => null)));
  return [...new Set(real.filter((path): path is string => path !== null))];
}
