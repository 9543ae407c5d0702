import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

/** How a command run in its own process group ended. */
export type ProcessEnd =
  | { kind: 'exited'; exitCode: number | null; signal: NodeJS.Signals | null }
  | { kind: 'timedOut' }
  | { kind: 'aborted' }
  | { kind: 'failedToStart'; message: string };

/** One command to run in its own process group. */
export interface GroupCommand {
  file: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  /** stdout and stderr as they arrive, interleaved, decoded as UTF-8. */
  onOutput(text: string): void;
}

/** How long output may keep draining after the command ends or is killed before the pipes are cut. */
const drainMs = 2_000;

/**
 * Runs a command as the leader of a new process group and kills the whole group when it times
 * out, when `signal` aborts, and when the command itself exits, so no background child outlives it.
 */
export function runInProcessGroup(command: GroupCommand): Promise<ProcessEnd> {
  return new Promise((resolve) => {
    if (command.signal.aborted) return resolve({ kind: 'aborted' });
    const child = spawn(command.file, [...command.args], {
      cwd: command.cwd,
      env: command.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let end: ProcessEnd | null = null;
    let open = 2;
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(drain);
      command.signal.removeEventListener('abort', onAbort);
      resolve(end ?? { kind: 'aborted' });
    };
    let drain: NodeJS.Timeout | undefined;
    const stopAfterDrain = () => {
      drain ??= setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, drainMs);
    };
    const stop = (why: ProcessEnd) => {
      end ??= why;
      killGroup();
      stopAfterDrain();
    };
    const onAbort = () => stop({ kind: 'aborted' });
    const timer = setTimeout(() => stop({ kind: 'timedOut' }), command.timeoutMs);
    command.signal.addEventListener('abort', onAbort, { once: true });
    for (const stream of [child.stdout, child.stderr]) {
      const decoder = new StringDecoder('utf8');
      stream.on('data', (chunk: Buffer) => {
        const text = decoder.write(chunk);
        if (text) command.onOutput(text);
      });
      stream.on('close', () => {
        const rest = decoder.end();
        if (rest) command.onOutput(rest);
        open -= 1;
        // Finishes once the command has exited (or was stopped) and both pipes are drained.
        if (open === 0 && end) finish();
      });
    }
    child.on('error', (error) => {
      end ??= { kind: 'failedToStart', message: error.message };
      finish();
    });
    child.on('exit', (exitCode, signal) => {
      end ??= { kind: 'exited', exitCode, signal };
      killGroup();
      if (open === 0) finish();
      else stopAfterDrain();
    });
  });
}
