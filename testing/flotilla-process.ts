import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json is). */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const servingPattern = /Flotilla engine serving at (http:\/\/[^\s/]+)\/\?token=(\S+)/;

/** A `flotilla serve` process started for a test or a benchmark. */
export interface FlotillaProcess {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  token: string;
  /** The address `flotilla serve` printed, token included: what a user opens. */
  url: string;
  pid: number;
  /** Milliseconds from spawning the process until it printed its address. */
  startMs: number;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Stops the engine (SIGTERM, then SIGKILL after `graceMs`); resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** What to start `flotilla serve` with. */
export interface StartOptions {
  home: string;
  /** Extra environment on top of this process's (FLOTILLA_HOME is set from `home`); undefined removes a variable. */
  env?: Record<string, string | undefined>;
  /** How long to wait for the address to be printed. */
  timeoutMs?: number;
}

/**
 * Starts `node cli/bin.mjs serve --port 0` on a home and resolves once it printed its
 * address. It serves the built renderer from renderer/dist when that exists.
 */
export async function startFlotilla(options: StartOptions): Promise<FlotillaProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, ['cli/bin.mjs', 'serve', '--port', '0'], {
    cwd: repoRoot,
    env: withoutUnset({ ...process.env, ...options.env, FLOTILLA_HOME: options.home }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let onEarlyExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;
  const address = await new Promise<{ origin: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`flotilla serve printed no address within ${options.timeoutMs ?? 30_000} ms`),
      options.timeoutMs ?? 30_000,
    );
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}. Output:\n${output}`));
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = servingPattern.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ origin: match[1] as string, token: decodeURIComponent(match[2] as string) });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    onEarlyExit = (code, signal) => fail(`flotilla serve exited early (code ${code}, signal ${signal})`);
    child.once('exit', onEarlyExit);
    child.once('error', (error) => fail(`flotilla serve could not start: ${error.message}`));
  });
  const startMs = performance.now() - started;
  child.off('exit', onEarlyExit);
  return {
    ...address,
    url: `${address.origin}/?token=${encodeURIComponent(address.token)}`,
    pid: child.pid as number,
    startMs,
    output: () => output,
    stop: (graceMs = 10_000) => stopProcess(child, exited, graceMs),
  };
}

async function stopProcess(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function withoutUnset(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
