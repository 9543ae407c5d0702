import { realpath } from 'node:fs/promises';
import { git } from './git.js';

/**
 * Realpath of the git dir shared by a repository and all its worktrees. Every `withRepoLock`
 * key comes from here, so a repo reached through a symlink still shares one queue.
 */
export async function gitCommonDir(cwd: string): Promise<string> {
  const out = await git({
    name: 'rev-parse.commonDir',
    cwd,
    args: ['rev-parse', '--path-format=absolute', '--git-common-dir'],
    readOnly: true,
  });
  return realpath(out.stdout.trim());
}
