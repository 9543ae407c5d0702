import WebSocket from 'ws';
import type { EngineApi } from '../engine-api.js';
import { EngineError } from '../errors.js';
import { frameClient } from './frame-client.js';

/** Where and how to reach a served engine. */
export interface ConnectOptions {
  /** The server's `http://host:port` (or `ws://…`) address. */
  url: string;
  token: string;
  /** How long one call may take before it fails; merges and setup can be slow, so the default is 10 minutes. */
  callTimeoutMs?: number;
  /** How long to wait for the connection itself. */
  connectTimeoutMs?: number;
}

/** An engine reached over WebSocket; `closed` settles when the connection ends for any reason. */
export interface RemoteEngine extends EngineApi {
  closed: Promise<void>;
}

/** Connects to an engine served by `serveEngine`; fails with `engineUnavailable` or `unauthorized`. */
export async function connectEngine(options: ConnectOptions): Promise<RemoteEngine> {
  const address = new URL(options.url);
  address.protocol = address.protocol === 'https:' || address.protocol === 'wss:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(address, {
    headers: { authorization: `Bearer ${options.token}` },
    handshakeTimeout: options.connectTimeoutMs ?? 10_000,
  });
  await opened(ws, options.url);

  let closeReason = 'The connection to the Flotilla engine closed.';
  const client = frameClient({
    send: (text) => ws.send(text),
    unavailable: () => (ws.readyState === WebSocket.OPEN ? null : new EngineError('engineUnavailable', closeReason)),
    callTimeoutMs: options.callTimeoutMs,
    timeoutError: (method, timeoutMs) =>
      new EngineError(
        'engineUnavailable',
        `The Flotilla engine did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`,
      ),
  });
  const closed = new Promise<void>((resolve) => {
    ws.on('close', (code, reason) => {
      if (reason.length > 0) closeReason = `The connection to the Flotilla engine closed: ${reason.toString()}`;
      else if (code !== 1000 && code !== 1005)
        closeReason = `The connection to the Flotilla engine closed (code ${code}); is the engine still running?`;
      client.failAll(new EngineError('engineUnavailable', closeReason));
      resolve();
    });
  });
  ws.on('error', () => undefined);
  ws.on('message', (data) => client.receive(data.toString()));

  return {
    closed,
    ...client.api,
    async close() {
      if (ws.readyState !== WebSocket.CLOSED) ws.close(1000);
      await closed;
    },
  };
}

function opened(ws: WebSocket, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: EngineError) => {
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      reject(error);
    };
    ws.once('open', () => {
      ws.removeAllListeners();
      resolve();
    });
    ws.once('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      if (status === 404) return void readBody(response).then((why) => fail(notServed(url, why)));
      response.resume();
      if (status === 401)
        fail(
          new EngineError(
            'unauthorized',
            `The Flotilla engine at ${url} refused the token. Use the token it printed (or from its lock file).`,
          ),
        );
      else
        fail(
          new EngineError(
            'engineUnavailable',
            `The Flotilla engine at ${url} refused the connection (HTTP ${status}).`,
          ),
        );
    });
    ws.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ECONNREFUSED' ? 'nothing is listening there' : error.message;
      fail(
        new EngineError(
          'engineUnavailable',
          `Could not reach the Flotilla engine at ${url}: ${why}. Is \`flotilla serve\` (or the desktop app) running?`,
          { url },
        ),
      );
    });
  });
}

/** A refusal of something this server does not serve (an unknown `?host=`), saying why when the server did. */
function notServed(url: string, why: string): EngineError {
  return new EngineError('notFound', why.trim() || `The Flotilla engine at ${url} does not serve this address.`, {
    url,
  });
}

function readBody(response: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk.slice(0, 4_000 - text.length)));
    response.on('end', () => resolve(text));
    response.on('error', () => resolve(text));
  });
}
