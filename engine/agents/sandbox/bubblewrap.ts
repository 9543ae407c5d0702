/** What a bubblewrap sandbox lets a command touch. */
export interface BubblewrapOptions {
  /** The worktree: bound writable and the command's working folder. */
  worktree: string;
  /** Paths bound read-only after the worktree, so they win over its writable bind (git data, the `.git` file). */
  readOnly: readonly string[];
  allowNetwork: boolean;
  /** The command and its arguments, run inside. */
  command: readonly string[];
}

/**
 * The `bwrap` arguments for a command: read-only root, private /dev, /proc and /tmp, the worktree
 * writable, git data read-only, no network unless allowed, own PID namespace, killed with its parent.
 */
export function bubblewrapArgs(options: BubblewrapOptions): string[] {
  return [
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--tmpfs',
    '/tmp',
    '--bind',
    options.worktree,
    options.worktree,
    ...options.readOnly.flatMap((path) => ['--ro-bind', path, path]),
    ...(options.allowNetwork ? [] : ['--unshare-net']),
    '--unshare-pid',
    '--die-with-parent',
    // No --new-session: the launcher already runs bwrap as the leader of a new session with no
    // controlling terminal (so no TIOCSTI injection), and staying in that process group is what
    // lets a stop kill the sandbox's init even before it has armed --die-with-parent.
    '--chdir',
    options.worktree,
    '--',
    ...options.command,
  ];
}
