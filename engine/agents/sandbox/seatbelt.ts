/** What a macOS seatbelt (sandbox-exec) profile lets a command touch; all paths must be real paths. */
export interface SeatbeltOptions {
  worktree: string;
  /** Writable temp folders (the user's TMPDIR, /private/tmp). */
  temp: readonly string[];
  /** Paths that stay read-only even inside the worktree (git data, the `.git` file). */
  readOnly: readonly string[];
  allowNetwork: boolean;
  command: readonly string[];
}

/**
 * The seatbelt profile text. Paths are never spliced into it: they arrive as `-D` parameters, so a
 * quote in a folder name cannot change the policy. Later rules win, which is why the read-only
 * git data comes after the writable worktree.
 */
export function seatbeltProfile(options: SeatbeltOptions): string {
  const writable = [
    '(subpath (param "WORKTREE"))',
    ...options.temp.map((_, index) => `(subpath (param "TEMP_${index}"))`),
  ];
  const lines = [
    '(version 1)',
    '(allow default)',
    '(deny file-write*)',
    `(allow file-write* ${writable.join(' ')} (literal "/dev/null") (literal "/dev/zero") (literal "/dev/tty") (regex #"^/dev/fd/[0-9]+$") (regex #"^/dev/ttys[0-9]+$"))`,
  ];
  if (options.readOnly.length > 0) {
    const guarded = options.readOnly.map((_, index) => `(subpath (param "READONLY_${index}"))`);
    lines.push(`(deny file-write* ${guarded.join(' ')})`);
  }
  if (!options.allowNetwork) lines.push('(deny network*)');
  return `${lines.join('\n')}\n`;
}

/** The `sandbox-exec` arguments: the profile, its path parameters, then the command. */
export function seatbeltArgs(options: SeatbeltOptions): string[] {
  const parameters = [
    `WORKTREE=${options.worktree}`,
    ...options.temp.map((path, index) => `TEMP_${index}=${path}`),
    ...options.readOnly.map((path, index) => `READONLY_${index}=${path}`),
  ];
  return ['-p', seatbeltProfile(options), ...parameters.flatMap((parameter) => ['-D', parameter]), ...options.command];
}
