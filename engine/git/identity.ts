import { git } from './git.js';

/**
 * Author and committer for engine commits: the user's configured identity when there is one,
 * otherwise "Flotilla", so commits never fail on a machine without user.name.
 */
export async function commitIdentity(cwd: string): Promise<Record<string, string>> {
  const out = await git({
    name: 'config.identity',
    cwd,
    args: ['config', '--get-regexp', '^user\\.(name|email)$'],
    okExitCodes: [1],
    readOnly: true,
  });
  const values = new Map<string, string>();
  for (const line of out.stdout.split('\n')) {
    const space = line.indexOf(' ');
    // Later lines win, as with `git config --get` (local overrides global).
    if (space > 0) values.set(line.slice(0, space), line.slice(space + 1).trim());
  }
  const name = values.get('user.name') || 'Flotilla';
  const email = values.get('user.email') || 'flotilla@localhost';
  return { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
}
