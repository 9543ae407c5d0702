import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { engineChangeMethod, type EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { ServerMessage } from '../../shared/protocol.js';
import { EngineError } from '../errors.js';
import type { EngineApi } from '../engine-api.js';
import type { HostLinkProvider } from '../hosts/host-link-provider.js';
import { createToken, originAllowed, presentedToken, tokenCookie, tokenMatches } from './auth.js';
import { hostRefusal, requestedHost, routeToHost } from './host-route.js';
import { hostStateChange, watchHostStates } from './host-states.js';
import { handleMessage } from './ws-dispatch.js';
import { send, serveStatic } from './static-files.js';
import { sendUnauthorized } from './unauthorized-page.js';
import { handleWebhook, webhookTarget } from './webhook-route.js';

/** How to serve an engine over HTTP + WebSocket. */
export interface ServeEngineOptions {
  engine: EngineApi;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Only loopback makes sense: the token is the only protection. */
  host?: string;
  /** A fixed access token; a random one otherwise. */
  token?: string;
  /** A built renderer to serve for GET requests. */
  staticDir?: string;
  /** How long close() lets running calls answer before disconnecting their clients (default 5 s). */
  closeGraceMs?: number;
  /**
   * The remote hosts this server reaches: an upgrade with `?host=NAME` is routed to that host's link instead of
   * `engine`. Without it, such upgrades are refused.
   */
  hosts?: HostLinkProvider;
}

/** A running engine server. */
export interface EngineServer {
  /** `http://127.0.0.1:PORT`; WebSocket clients use the same address. */
  url: string;
  token: string;
  port: number;
  /** Disconnects every client and stops listening; the engine itself stays open. */
  close(): Promise<void>;
}

/** A client whose unsent data passes this is too slow to follow the event stream and is disconnected. */
const maxBufferedBytes = 32 * 1024 * 1024;

/**
 * Serves an engine on loopback: every HTTP request and WebSocket upgrade must present the token,
 * and browser upgrades must come from this server's own origin. Prints nothing. The one exception is
 * `POST /hooks/<automation id>`, which webhook senders sign with the automation's secret instead.
 */
export async function serveEngine(options: ServeEngineOptions): Promise<EngineServer> {
  const token = options.token ?? createToken();
  const host = options.host ?? '127.0.0.1';
  const sockets = new Map<WebSocket, (frame: ServerMessage) => void>();
  const hostStates = watchHostStates((change) => {
    for (const forward of sockets.values()) forward({ method: engineChangeMethod, params: change });
  });
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  const port = () => (server.address() as AddressInfo).port;
  const origin = () => `http://${host.includes(':') ? `[${host}]` : host}:${port()}`;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  const server = createServer((request, response) => {
    const hook = webhookTarget(request);
    const handled = hook
      ? handleWebhook(request, response, options.engine, hook)
      : handleHttp(request, response, { token, origin: origin(), staticDir: options.staticDir });
    void handled.catch(() => {
      if (!response.headersSent) send(response, 500, 'Internal error.\n');
      else response.destroy();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!tokenMatches(presentedToken(request, false), token)) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (!originAllowed(request.headers.origin, port())) return refuseUpgrade(socket, 403, 'Forbidden');
    if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
    const hostName = requestedHost(request);
    if (hostName === null) return wss.handleUpgrade(request, socket, head, (ws) => attach(ws, null));
    // The client may go away while hosts.json is read.
    socket.on('error', () => socket.destroy());
    void hostRefusal(options.hosts, hostName).then(
      (refusal) => {
        if (refusal) return refuseUpgrade(socket, 404, 'Not Found', refusal);
        if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
        wss.handleUpgrade(request, socket, head, (ws) => attach(ws, hostName));
      },
      (error: unknown) => refuseUpgrade(socket, 503, 'Service Unavailable', String(error)),
    );
  });

  const attach = (ws: WebSocket, hostName: string | null) => {
    const forward = (frame: ServerMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBufferedBytes) {
        // Dropping events silently would leave the client with a wrong picture; disconnect so it refetches.
        ws.close(1013, 'Client too slow for the event stream; reconnect.');
        return;
      }
      ws.send(JSON.stringify(frame));
    };
    sockets.set(ws, forward);
    const sendEvent = (event: ThreadEvent) => forward({ method: 'thread/event', params: event });
    const sendChange = (change: EngineChange) => forward({ method: engineChangeMethod, params: change });
    const route =
      hostName !== null && options.hosts
        ? routeToHost(options.hosts, hostName, options.engine, {
            event: sendEvent,
            change: sendChange,
            linked(link, error) {
              if (link) hostStates.watch(link);
              sendChange(
                link
                  ? hostStateChange(link)
                  : { type: 'host.state', name: hostName, state: 'failed', error: error ?? undefined },
              );
            },
          })
        : null;
    const stops = route ? [route.dispose] : [options.engine.subscribe(sendEvent), options.engine.onChange(sendChange)];
    const unsubscribe = () => stops.forEach((stop) => stop());
    ws.on('message', (data, isBinary) => {
      const reply = (message: unknown) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      };
      if (closing) return reply(shuttingDown(data));
      const call = handleMessage(route ?? options.engine, isBinary ? null : data.toString(), reply);
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
    });
    ws.on('close', () => {
      unsubscribe();
      sockets.delete(ws);
    });
    ws.on('error', () => ws.terminate());
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    url: origin(),
    token,
    port: port(),
    async close() {
      closing = true;
      hostStates.dispose();
      // Let calls already running answer (a `stop` that ended the task this server's owner waited for).
      await Promise.race([
        Promise.allSettled([...inFlight]),
        sleep(options.closeGraceMs ?? 5_000, undefined, { ref: false }),
      ]);
      await Promise.all([...sockets.keys()].map((ws) => closeSocket(ws)));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleHttp(
  request: IncomingMessage,
  response: ServerResponse,
  served: { token: string; origin: string; staticDir: string | undefined },
): Promise<void> {
  const { token, staticDir } = served;
  if (!tokenMatches(presentedToken(request, true), token)) return sendUnauthorized(response, served.origin);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return send(response, 405, 'Only GET is served here.\n', { allow: 'GET, HEAD' });
  // Remember the token for the page's own asset requests; Strict keeps other sites from sending it.
  response.setHeader('set-cookie', `${tokenCookie}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
  await serveStatic(request, response, staticDir);
}

function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), 1_000);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(1001, 'The Flotilla engine is shutting down.');
  });
}

function shuttingDown(data: RawData): unknown {
  const id = (() => {
    try {
      const parsed = JSON.parse(data.toString()) as { id?: unknown };
      return typeof parsed.id === 'number' ? parsed.id : 0;
    } catch {
      return 0;
    }
  })();
  return {
    id,
    error: new EngineError(
      'engineUnavailable',
      'The Flotilla engine is shutting down; try again in a moment.',
    ).toData(),
  };
}

function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404 | 503, text: string, why = ''): void {
  if (socket.destroyed) return;
  const body = why ? `${why}\n` : '';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    // The refusal says why; let it reach the client before the socket goes.
    () => socket.destroy(),
  );
}
