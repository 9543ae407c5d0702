import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { GitError, classifyGitFailure } from './git-error.js';
import { startSpan } from '../trace/trace.js';
import { backgroundSlot, isBackground } from './background.js';

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
  /** Talks to a remote: also inherits what reaching one may need (SSH agent, askpass, proxies). */
  network?: boolean;
  /** Exit codes that are answers rather than failures (merge-tree's 1 means "conflicts"). */
  okExitCodes?: readonly number[];
  /** Text written to git's stdin. */
  input?: string;
  /** Kill git and fail (kind 'tooLarge') once it has printed more than this many bytes. */
  maxOutputBytes?: number;
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

// git gets a minimal environment: no pagers, editors or ambient GIT_* settings leak into engine calls.
const inheritedEnvironment = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SHELL',
  'XDG_CONFIG_HOME',
  'SYSTEMROOT',
  'SystemRoot',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'HOMEDRIVE',
  'HOMEPATH',
  'ComSpec',
];
// What a push or fetch may need to reach and log in to a remote the way it does in the user's terminal.
const networkEnvironment = [
  'SSH_AUTH_SOCK',
  'SSH_AGENT_PID',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'ALL_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'all_proxy',
  'no_proxy',
  'GIT_SSL_CAINFO',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
];

/**
 * Runs git. Every git call in the engine goes through here: it names the call, forces
 * `LC_ALL=C` so messages can be parsed, applies a timeout, and throws a typed GitError.
 */
export async function git(call: GitCall): Promise<GitOutput> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await gitOnce(call);
    } catch (error) {
      // Another git process (the user's, or a parallel task's) holds a lock for a moment; git
      // gives up before changing anything, so waiting and trying again is safe.
      if (
        !(error instanceof GitError) ||
        error.kind !== 'locked' ||
        attempt >= lockRetries.length + 1 ||
        call.signal?.aborted
      )
        throw error;
      await new Promise((resolve) =>
        setTimeout(resolve, (lockRetries[attempt - 1] ?? 400) * (0.75 + Math.random() / 2)),
      );
    }
  }
}

// Waits between attempts when a git lock is held: about 1.5 s in all before the error surfaces.
const lockRetries = [50, 100, 200, 400, 800];

async function gitOnce(call: GitCall): Promise<GitOutput> {
  if (!existsSync(call.cwd)) {
    throw new GitError(call.name, call.args, 'missingFolder', null, `the folder ${call.cwd} does not exist`);
  }
  const env: Record<string, string> = {};
  for (const key of call.network ? [...inheritedEnvironment, ...networkEnvironment] : inheritedEnvironment) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  Object.assign(
    env,
    { LC_ALL: 'C', LANG: 'C', GIT_TERMINAL_PROMPT: '0' },
    call.readOnly ? { GIT_OPTIONAL_LOCKS: '0' } : {},
    call.env,
  );
  const release = isBackground() ? await backgroundSlot() : null;
  const started = performance.now();
  const span = startSpan(`git ${call.name}`, 'git', { cwd: call.cwd, ...(release ? { background: true } : {}) });
  let result: Awaited<ReturnType<typeof spawnGit>>;
  try {
    result = await spawnGit(call, env);
  } finally {
    release?.();
  }
  const { stdout, stderr, exitCode, failure } = result;
  span.end({ exit: exitCode, ...(failure ? { failure } : {}) });
  // FLOTILLA_GIT_TRACE=1 prints every call with its time, to find what makes an operation slow.
  if (process.env.FLOTILLA_GIT_TRACE)
    process.stderr.write(`git ${call.name} ${(performance.now() - started).toFixed(1)} ms (exit ${exitCode})\n`);
  if (failure === 'timeout')
    throw new GitError(
      call.name,
      call.args,
      'timeout',
      null,
      `no output for ${call.timeoutMs ?? defaultGitTimeoutMs} ms`,
    );
  if (failure === 'aborted') throw new GitError(call.name, call.args, 'aborted', null, 'the operation was cancelled');
  if (failure === 'tooLarge')
    throw new GitError(call.name, call.args, 'tooLarge', null, `output over ${call.maxOutputBytes} bytes`);
  if (failure === 'missing')
    throw new GitError(
      call.name,
      call.args,
      'failed',
      null,
      'git is not installed or not on PATH. Install git 2.38 or newer.',
    );
  if (exitCode !== 0 && !(call.okExitCodes ?? []).includes(exitCode)) {
    throw new GitError(call.name, call.args, classifyGitFailure(stderr), exitCode, stderr);
  }
  return { stdout, stderr, exitCode };
}

/**
 * Spawns git directly. (simple-git was measured adding a fixed 50 ms to every call that prints
 * nothing, such as `worktree add -q`, `update-ref` or a clean `status`; that alone broke the
 * task-creation budget, so the engine owns this small runner instead.)
 */
function spawnGit(
  call: GitCall,
  env: Record<string, string>,
): Promise<GitOutput & { failure: 'timeout' | 'aborted' | 'missing' | 'tooLarge' | null }> {
  return new Promise((resolve) => {
    // Its own process group, so a timeout or abort also kills what git started (hooks, aliases).
    const group = process.platform !== 'win32';
    const child = spawn('git', [...call.args], {
      cwd: call.cwd,
      env,
      detached: group,
      stdio: [call.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const kill = () => {
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let failure: 'timeout' | 'aborted' | 'missing' | 'tooLarge' | null = null;
    let printed = 0;
    const timeoutMs = call.timeoutMs ?? defaultGitTimeoutMs;
    let timer = setTimeout(onTimeout, timeoutMs);
    function onTimeout() {
      failure = 'timeout';
      kill();
    }
    const onData = (into: Buffer[]) => (chunk: Buffer) => {
      into.push(chunk);
      printed += chunk.length;
      if (call.maxOutputBytes !== undefined && printed > call.maxOutputBytes && failure === null) {
        failure = 'tooLarge';
        kill();
      }
      clearTimeout(timer);
      timer = setTimeout(onTimeout, timeoutMs);
    };
    const onAbort = () => {
      failure = 'aborted';
      kill();
    };
    call.signal?.addEventListener('abort', onAbort, { once: true });
    if (call.signal?.aborted) onAbort();
    child.stdout?.on('data', onData(out));
    child.stderr?.on('data', onData(err));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') failure = 'missing';
    });
    if (call.input !== undefined) {
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(call.input);
    }
    child.on('close', (code) => {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exitCode: code ?? -1,
        failure,
      });
    });
  });
}
