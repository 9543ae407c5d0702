import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { helloMethod, protocolVersion, type EngineHello } from '../shared/protocol.js';
import { EngineError } from '../engine/errors.js';
import { waitForEndpoint } from '../engine/host/open-engine.js';
import type { HomeLockData } from '../engine/host/home-lock.js';
import { flotillaVersion } from '../engine/package-info.js';
import { startBackgroundEngine } from './background-engine.js';

/** The streams `flotilla serve --stdio` speaks on: the ssh channel, or a pipe in tests. */
export interface StdioStreams {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/**
 * `flotilla serve --stdio`: the remote end of an ssh link. Makes sure a long-lived engine serves the home (starting one
 * in the background, detached, so it outlives this ssh session and keeps agents running while the laptop sleeps), then
 * writes a hello line and relays newline-delimited frames between stdin/stdout and the engine's loopback WebSocket.
 * Nothing listens on a new port: the engine's own server stays on 127.0.0.1. Resolves when either side closes.
 */
export async function serveStdio(home: string, streams: StdioStreams): Promise<void> {
  const lock = await runningEngine(home, streams.env);
  const endpoint = lock.endpoint!;
  const ws = new WebSocket(endpoint.url.replace(/^http/, 'ws'), {
    headers: { authorization: `Bearer ${endpoint.token}` },
    handshakeTimeout: 10_000,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', (error) =>
      reject(new EngineError('engineUnavailable', `The engine for ${home} cannot be reached: ${error.message}`)),
    );
  });
  // Frames the engine sends before the hello is out wait for it: the hello is always the first line.
  let early: string[] | null = [];
  ws.on('message', (data) => {
    const text = data.toString();
    if (early) early.push(text);
    else streams.stdout.write(`${text}\n`);
  });
  const hello = await engineHello(ws, home, lock.pid, early);
  streams.stdout.write(`${JSON.stringify({ method: helloMethod, params: hello })}\n`);
  for (const text of early) streams.stdout.write(`${text}\n`);
  early = null;
  await new Promise<void>((resolve) => {
    const lines = createInterface({ input: streams.stdin, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (line.trim() && ws.readyState === WebSocket.OPEN) ws.send(line);
    });
    lines.once('close', () => {
      ws.close(1000);
      resolve();
    });
    ws.once('close', () => {
      lines.close();
      resolve();
    });
    ws.on('error', () => ws.terminate());
  });
}

/**
 * What the engine behind this relay is: asked with engine/info (id -1: clients number their calls from 1), since an
 * engine that was already running may be another version than this relay. Its answer is taken out of `early`.
 */
async function engineHello(ws: WebSocket, home: string, pid: number, early: string[]): Promise<EngineHello> {
  const info = await new Promise<{ version?: string; protocolVersion?: number } | null>((resolve) => {
    const onMessage = () => {
      const index = early.findIndex((text) => text.startsWith('{"id":-1,'));
      if (index < 0) return;
      const [answer] = early.splice(index, 1);
      ws.off('message', onMessage);
      resolve((JSON.parse(answer!) as { result?: { version?: string; protocolVersion?: number } }).result ?? null);
    };
    ws.on('message', onMessage);
    ws.once('close', () => resolve(null));
    ws.send(JSON.stringify({ id: -1, method: 'engine/info', params: {} }));
  });
  return {
    protocolVersion: info?.protocolVersion ?? protocolVersion,
    engineVersion: info?.version ?? flotillaVersion(),
    nodeVersion: process.versions.node,
    home,
    pid,
  };
}

/** The lock of the engine serving this home, starting one in the background when none does. */
async function runningEngine(home: string, env: NodeJS.ProcessEnv): Promise<HomeLockData> {
  const running = await waitForEndpoint(home, 3_000);
  if (running?.endpoint) return running;
  if (running)
    throw new EngineError(
      'engineLocked',
      `Another Flotilla engine (pid ${running.pid}) holds ${home} but serves no clients; quit it so ssh clients can reach an engine.`,
    );
  try {
    return (await startBackgroundEngine({ home, env })).lock;
  } catch (error) {
    // Two ssh clients may have started one at once: the other one's engine is as good.
    const other = await waitForEndpoint(home, 10_000);
    if (other?.endpoint) return other;
    throw error;
  }
}
