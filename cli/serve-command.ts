import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../engine/errors.js';
import { tuneEngineV8 } from '../engine/host/engine-v8.js';
import { readHomeLock } from '../engine/host/home-lock.js';
import type { HostLinkProvider } from '../engine/hosts/host-link-provider.js';
import { flotillaRoot } from '../engine/package-info.js';
import { parseCommandArgs, expectPositionals, portOption } from './args.js';
import { startBackgroundEngine } from './background-engine.js';
import { help, interruption, println, UsageError, type CliIo } from './cli-io.js';
import { cliHome, shareEngine } from './session.js';
import { usages } from './usage.js';

const rendererBuild = join(flotillaRoot(), 'renderer', 'dist');

/**
 * `flotilla serve`: runs the engine with its WebSocket server until Ctrl-C, or starts it in the background. `hosts`
 * stands in for the engine's own links to remote hosts (hosts.json), which the window's `?host=NAME` sockets reach;
 * whoever passes it closes it. Closing the server never stops a remote host's work.
 */
export async function serveCommand(args: string[], io: CliIo, hosts?: HostLinkProvider): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    { port: { type: 'string' }, background: { type: 'boolean' }, stdio: { type: 'boolean' } },
    usages.serve,
  );
  if (parsed.values.help) return help(io, usages.serve);
  if (io.host)
    throw new UsageError(
      `A remote host's engine is started over ssh by \`flotilla --host ${io.host} …\` itself; run serve there.`,
      usages.serve,
    );
  expectPositionals(parsed, [], usages.serve);
  const port = portOption(parsed, usages.serve);
  const home = cliHome(io);
  // This process now hosts an engine for as long as it runs (a background one is another `serve`, tuned there).
  if (!parsed.values.background) tuneEngineV8(io.env);
  if (parsed.values.stdio) {
    if (!io.stdin) throw new UsageError('`flotilla serve --stdio` needs a standard input to read.', usages.serve);
    const { serveStdio } = await import('./serve-stdio.js');
    await serveStdio(home, { stdin: io.stdin, stdout: io.stdout as NodeJS.WritableStream, env: io.env });
    return 0;
  }
  if (parsed.values.background) {
    const running = await readHomeLock(home);
    if (running) throw alreadyRunning(home, running.pid, running.endpoint?.url ?? null);
    const started = await startBackgroundEngine({ home, env: io.env, port });
    println(io, `Flotilla engine serving at ${started.lock.endpoint.url}/?token=${started.lock.endpoint.token}`);
    println(io, `It runs in the background (pid ${started.lock.pid}); logs: ${started.logPath}`);
    return 0;
  }
  const { createEngine } = await import('../engine/engine.js');
  const engine = await createEngine({ home }).catch(async (error: unknown) => {
    if (error instanceof EngineError && error.code === 'engineLocked') {
      const running = await readHomeLock(home);
      if (running) throw alreadyRunning(home, running.pid, running.endpoint?.url ?? null);
    }
    throw error;
  });
  const stop = interruption(io);
  try {
    const server = await shareEngine(home, engine, {
      port,
      staticDir: existsSync(rendererBuild) ? rendererBuild : undefined,
      hosts: hosts ?? engine.hosts,
    });
    const unsubscribe = engine.subscribe((event) => {
      if (event.type === 'status.changed')
        println(io, `${event.at} task ${event.taskId} ${event.status}${event.message ? `: ${event.message}` : ''}`);
    });
    println(io, `Flotilla engine serving at ${server.url}/?token=${server.token}`);
    println(io, `Home: ${home} (pid ${process.pid}). Press Ctrl-C to stop.`);
    const why = await stop.promise;
    println(io, `Stopping the Flotilla engine (${why})…`);
    unsubscribe();
    await server.close();
  } finally {
    stop.dispose();
    await engine.close();
  }
  println(io, 'Flotilla engine stopped.');
  return 0;
}

function alreadyRunning(home: string, pid: number, url: string | null): EngineError {
  const where = url ? ` at ${url}` : '';
  return new EngineError(
    'engineLocked',
    `A Flotilla engine (pid ${pid}) is already running for ${home}${where}. The CLI uses it automatically; stop it first to serve again.`,
    { pid, endpoint: url },
  );
}
