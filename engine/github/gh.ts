import { execFile } from 'node:child_process';

/** Why a gh call failed: gh is not there (or not runnable), it exited with an error, or it ran past its time. */
export type GhErrorKind = 'missing' | 'failed' | 'timedOut';

/** A gh call that did not succeed, with what gh printed on stderr and its exit code. */
export class GhError extends Error {
  constructor(
    readonly kind: GhErrorKind,
    /** The call's name (`pr.create`), for logs and messages. */
    readonly call: string,
    message: string,
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'GhError';
  }
}

/** One gh invocation: a name for messages, its arguments, the folder it runs in, how long it may take. */
export interface GhCall {
  name: string;
  args: readonly string[];
  cwd: string;
  timeoutMs?: number;
}

/** How long a gh call may take unless it says otherwise: a slow network, or a gh waiting on something. */
const defaultTimeoutMs = 60_000;

/** The gh to run: FLOTILLA_GH when set (a path, for tests or an install off PATH), else `gh` from PATH. */
export function ghBinary(): string {
  const configured = process.env.FLOTILLA_GH?.trim();
  return configured ? configured : 'gh';
}

/** Runs gh without prompts or colour and resolves with its stdout; rejects with a GhError saying what went wrong. */
export function runGhCall(call: GhCall): Promise<string> {
  const binary = ghBinary();
  const timeout = call.timeoutMs ?? defaultTimeoutMs;
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      [...call.args],
      {
        cwd: call.cwd,
        timeout,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, GH_PROMPT_DISABLED: '1', GH_NO_UPDATE_NOTIFIER: '1', NO_COLOR: '1', CLICOLOR: '0' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        reject(toGhError(error as NodeJS.ErrnoException & { killed?: boolean }, call, binary, stderr, timeout));
      },
    );
  });
}

function toGhError(
  error: NodeJS.ErrnoException & { killed?: boolean },
  call: GhCall,
  binary: string,
  stderr: string,
  timeout: number,
): GhError {
  if (error.code === 'ENOENT' || error.code === 'EACCES') {
    const where = binary === 'gh' ? 'on PATH' : `at ${binary} (FLOTILLA_GH)`;
    return new GhError('missing', call.name, `GitHub CLI (gh) was not found ${where}.`, '', null);
  }
  if (error.killed) {
    const seconds = Math.round(timeout / 1000);
    return new GhError('timedOut', call.name, `gh ${call.args[0] ?? ''} gave no answer in ${seconds} s.`, stderr, null);
  }
  const exitCode = typeof error.code === 'number' ? error.code : null;
  return new GhError('failed', call.name, stderr.trim() || error.message, stderr, exitCode);
}
