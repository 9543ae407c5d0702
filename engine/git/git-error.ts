import { EngineError } from '../errors.js';

/** What went wrong in a git call, so callers can react without parsing messages. */
export type GitFailureKind = 'failed' | 'timeout' | 'aborted' | 'locked' | 'notARepo' | 'missingFolder' | 'tooLarge';

/** A git call that failed: names the call and keeps git's own message. */
export class GitError extends EngineError {
  /** The wrapper's name for the call, e.g. `worktree.add`. */
  readonly call: string;
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly stderr: string;
  readonly kind: GitFailureKind;

  constructor(call: string, args: readonly string[], kind: GitFailureKind, exitCode: number | null, stderr: string) {
    const text = stderr.trim() || `exit code ${exitCode ?? 'none'}`;
    const message =
      kind === 'timeout'
        ? `git ${call} timed out (${text}). The repository may be very large or locked by another git process; try again.`
        : kind === 'locked'
          ? `git ${call} failed because another git process holds a lock: ${text}`
          : `git ${call} failed: ${text}`;
    super(kind === 'timeout' ? 'gitTimeout' : 'gitFailed', message, { call, exitCode, stderr: stderr.trim() });
    this.name = 'GitError';
    this.call = call;
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
    this.kind = kind;
  }
}

/** Classifies git's stderr into a failure kind. */
export function classifyGitFailure(stderr: string): GitFailureKind {
  if (/not a git repository/i.test(stderr)) return 'notARepo';
  if (/\.lock': File exists|Unable to create '.*\.lock'|is locked/i.test(stderr)) return 'locked';
  return 'failed';
}
