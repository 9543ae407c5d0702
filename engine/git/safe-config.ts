/**
 * The `-c` flags every engine git call that may write (worktree add/remove, checkout, add, commit,
 * merge, reset) runs with: no user hooks, no fsmonitor daemon, no commit signing (which would
 * prompt for a passphrase or fail without an agent), whatever the user's config says.
 */
export const engineSafeConfig: readonly string[] = [
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'commit.gpgSign=false',
];
