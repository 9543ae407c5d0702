import { existsSync } from 'node:fs';
import { simpleGit } from 'simple-git';
import { GitError, classifyGitFailure } from './git-error.js';

/** One named git invocation. */
export interface GitCall {
  /** A stable name for the call (`worktree.add`), used in errors and timing. */
  name: string;
  cwd: string;
  args: readonly string[];
  /** Kill git when it prints nothing for this long. */
  timeoutMs?: number;
  /** Read-only polling: sets GIT_OPTIONAL_LOCKS=0 so it never takes the index lock. */
  readOnly?: boolean;
  /** Extra environment (GIT_INDEX_FILE, author identity, ...). */
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (merge-tree's 1 means "conflicts"). */
  okExitCodes?: readonly number[];
  /** Text written to git's stdin. */
  input?: string;
  signal?: AbortSignal;
}

/** What a git call printed and how it exited. */
export interface GitOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Default time git may stay silent before it is killed. */
export const defaultGitTimeoutMs = 120_000;

// Engine-set variables simple-git would otherwise strip as unsafe; every value comes from engine code.
const allowedEnvironment = [
  'GIT_INDEX_FILE',
  'GIT_OPTIONAL_LOCKS',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_DATE',
  'GIT_TERMINAL_PROMPT',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CONFIG_GLOBAL',
];

// git gets a minimal environment: no pagers, editors or ambient GIT_* settings leak into engine calls.
const inheritedEnvironment = ['PATH', 'HOME', 'USER', 'LOGNAME', 'TMPDIR', 'TEMP', 'TMP', 'SHELL', 'XDG_CONFIG_HOME', 'SYSTEMROOT', 'SystemRoot', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'HOMEDRIVE', 'HOMEPATH', 'ComSpec'];

/**
 * Runs git. Every git call in the engine goes through here: it names the call, forces
 * `LC_ALL=C` so messages can be parsed, applies a timeout, and throws a typed GitError.
 */
export async function git(call: GitCall): Promise<GitOutput> {
  if (!existsSync(call.cwd)) {
    throw new GitError(call.name, call.args, 'missingFolder', null, `the folder ${call.cwd} does not exist`);
  }
  const env: Record<string, string> = {};
  for (const key of inheritedEnvironment) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  Object.assign(env, { LC_ALL: 'C', LANG: 'C', GIT_TERMINAL_PROMPT: '0' }, call.readOnly ? { GIT_OPTIONAL_LOCKS: '0' } : {}, call.env);
  let exitCode = 0;
  let stderr = '';
  const okCodes = call.okExitCodes ?? [];
  const client = simpleGit({
    baseDir: call.cwd,
    trimmed: false,
    timeout: { block: call.timeoutMs ?? defaultGitTimeoutMs },
    allowEnvironment: allowedEnvironment,
    unsafe: { allowUnsafeHooksPath: true, allowUnsafeFsMonitor: true },
    ...(call.signal ? { abort: call.signal } : {}),
    ...(call.input !== undefined ? { input: () => call.input } : {}),
    errors: (error, result) => {
      exitCode = result.exitCode;
      stderr = Buffer.concat(result.stdErr).toString('utf8');
      if (error && !(result.exitCode !== 0 && okCodes.includes(result.exitCode))) return error;
      if (result.exitCode !== 0 && !okCodes.includes(result.exitCode)) return Buffer.concat(result.stdErr);
      return undefined;
    },
  }).env(env);
  try {
    const stdout = await client.raw([...call.args]);
    return { stdout, stderr, exitCode };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/block timeout reached/.test(message)) throw new GitError(call.name, call.args, 'timeout', null, message);
    if (/Abort/.test(message) && call.signal?.aborted) throw new GitError(call.name, call.args, 'aborted', null, message);
    const text = stderr || message;
    throw new GitError(call.name, call.args, classifyGitFailure(text), exitCode || null, text);
  }
}
