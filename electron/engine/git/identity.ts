import { git } from './git.js';

/** Git config that keeps engine commits from running user hooks or fsmonitor daemons. */
export const engineCommitConfig = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-c', 'commit.gpgSign=false'];

/**
 * Author and committer for engine commits: the user's configured identity when there is one,
 * otherwise "Flotilla", so commits never fail on a machine without user.name.
 */
export async function commitIdentity(cwd: string): Promise<Record<string, string>> {
  const read = async (key: string) =>
    (await git({ name: 'config.get', cwd, args: ['config', '--get', key], okExitCodes: [1], readOnly: true })).stdout.trim();
  const name = (await read('user.name')) || 'Flotilla';
  const email = (await read('user.email')) || 'flotilla@localhost';
  return { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
}
