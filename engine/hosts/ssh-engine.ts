import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { HostConfig } from '../../shared/hosts.js';
import { engineHelloSchema, helloMethod, protocolVersion, type EngineHello } from '../../shared/protocol.js';
import { EngineError } from '../errors.js';
import { frameClient } from '../host/frame-client.js';
import type { RemoteEngine } from '../host/ws-client.js';
import { flotillaVersion } from '../package-info.js';
import { bootstrapScript, sshArguments } from './ssh-command.js';
import { protocolMismatch, sshFailure } from './ssh-errors.js';

/** How to run ssh for a host link. */
export interface SshEngineOptions {
  /** The ssh program; `ssh` on PATH by default. */
  sshPath?: string;
  env?: NodeJS.ProcessEnv;
  /** How long the remote may take to say hello (ssh login, starting its engine); 60 s by default. */
  helloTimeoutMs?: number;
  callTimeoutMs?: number;
}

/** An engine on a remote host, reached through one `ssh … flotilla serve --stdio` process. */
export interface SshEngine extends RemoteEngine {
  /** What the remote engine said about itself. */
  info: EngineHello;
  /** Ends the link at once, as a dropped network would (the remote engine keeps running). */
  kill(): void;
}

/**
 * Starts the system ssh to a host and speaks the engine protocol over its standard input and output, one JSON frame
 * per line. Fails with a typed EngineError saying what to do: host key, refused login, unreachable, no node, no
 * Flotilla, or incompatible protocol versions.
 */
export async function connectSshEngine(host: HostConfig, options: SshEngineOptions = {}): Promise<SshEngine> {
  const child = spawn(options.sshPath ?? 'ssh', sshArguments(host, bootstrapScript(host, 'serve --stdio')), {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    windowsHide: true,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8_192)));
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
      resolve(null);
    });
  });
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  const info = await hello(host, child, lines, exited, () => stderr, options.helloTimeoutMs ?? 60_000);

  let open = true;
  const client = frameClient({
    send: (text) => child.stdin.write(`${text}\n`),
    unavailable: () => (open ? null : new EngineError('engineUnavailable', `The ssh link to ${host.name} closed.`)),
    callTimeoutMs: options.callTimeoutMs,
    timeoutError: (method, timeoutMs) =>
      new EngineError(
        'engineUnavailable',
        `The engine on ${host.name} did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`,
      ),
  });
  lines.on('line', (line) => client.receive(line));
  const closed = exited.then(() => {
    open = false;
    client.failAll(new EngineError('engineUnavailable', `The ssh link to ${host.name} closed.`));
  });
  return {
    info,
    closed,
    ...client.api,
    kill() {
      child.kill('SIGKILL');
    },
    async close() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill(), 2_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

/** Waits for the remote's hello line (skipping anything a login script printed first) and checks its protocol. */
async function hello(
  host: HostConfig,
  child: ChildProcessWithoutNullStreams,
  lines: ReturnType<typeof createInterface>,
  exited: Promise<number | null>,
  stderr: () => string,
  timeoutMs: number,
): Promise<EngineHello> {
  let timer: NodeJS.Timeout | undefined;
  let onLine: ((line: string) => void) | undefined;
  const said = new Promise<EngineHello>((resolve) => {
    onLine = (line: string) => {
      try {
        const frame = JSON.parse(line) as { method?: unknown; params?: unknown };
        const parsed = engineHelloSchema.safeParse(frame.params);
        if (frame.method === helloMethod && parsed.success) resolve(parsed.data);
      } catch {
        // Not a frame: a login script's greeting; the hello comes after it.
      }
    };
    lines.on('line', onLine);
  });
  const failed = exited.then((code) => {
    throw sshFailure(host, code, stderr());
  });
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new EngineError(
            'hostUnreachable',
            `The engine on ${host.name} did not answer within ${Math.round(timeoutMs / 1000)} s of connecting over ssh. ` +
              `Run \`ssh ${host.target.replace(/^ssh:\/\//, '')} flotilla serve --stdio\` to see what it does.`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    const info = await Promise.race([said, failed, late]);
    if (info.protocolVersion !== protocolVersion)
      throw protocolMismatch(host, { protocolVersion, engineVersion: flotillaVersion() }, info);
    return info;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
    if (onLine) lines.off('line', onLine);
    failed.catch(() => undefined);
  }
}
