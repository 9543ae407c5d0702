import type { CommandName, CommandParams, CommandResult } from '../../../shared/commands.js';
import { engineCallTimeoutMs } from '../../../shared/limits.js';
import { PendingCalls } from '../../../shared/pending-calls.js';
import type { RequestMessage } from '../../../shared/protocol.js';
import { ClientError } from './client-error.js';
import { createConnectionState } from './connection-state.js';
import type { EngineClient } from './engine-client.js';
import { createEventFanout, type FrameScheduler } from './event-batcher.js';
import { readServerMessage, type EventCheck } from './server-message.js';

/** The part of the browser's WebSocket this client uses; the `ws` package provides the same in tests. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** What the server says about a token when a connection fails before opening. */
export type ProbeResult = 'ok' | 'unauthorized' | 'unreachable';

/** How to reach a served engine from a page. */
export interface WebSocketClientOptions {
  /** The full `ws://host/path?token=…` address. */
  url: string;
  openSocket?: (url: string) => SocketLike;
  /** Asks the server whether the token is good after a connection failed (a browser hides the 401). */
  probe?: () => Promise<ProbeResult>;
  schedule?: FrameScheduler;
  /** The wait before reconnect attempt `attempt` (0-based). */
  backoffMs?: (attempt: number) => number;
  callTimeoutMs?: number;
  /** How event notifications are checked: `full` in development, `envelope` otherwise (see readServerMessage). */
  eventCheck?: EventCheck;
}

const openState = 1;

/** Doubles from 250 ms up to 8 s, with jitter so many tabs do not reconnect in step. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(8_000, 250 * 2 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * An engine client over the served WebSocket. It reconnects with backoff whenever the socket
 * drops (the engine restarted, the laptop slept), and stops only when the token is refused.
 */
export function createWebSocketClient(options: WebSocketClientOptions): EngineClient {
  const openSocket = options.openSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = options.backoffMs ?? defaultBackoff;
  const eventCheck = options.eventCheck ?? (import.meta.env.DEV ? 'full' : 'envelope');
  const connection = createConnectionState('connecting');
  const events = createEventFanout(options.schedule);
  const pending = new PendingCalls({
    timeoutMs: options.callTimeoutMs ?? engineCallTimeoutMs,
    timeoutError: (method, timeoutMs) =>
      new ClientError(
        'engineUnavailable',
        `The Flotilla engine did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`,
      ),
  });
  let socket: SocketLike | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const failPending = (message: string) => pending.failAll(new ClientError('engineUnavailable', message));

  const connect = () => {
    retryTimer = null;
    if (closed) return;
    connection.set('connecting');
    let opened = false;
    const ws = openSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      connection.set('open');
    };
    ws.onmessage = (event) => receive(typeof event.data === 'string' ? event.data : String(event.data));
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      events.batcher.flush();
      failPending('The connection to the Flotilla engine dropped; reconnecting. Try again in a moment.');
      if (closed) return;
      connection.set('connecting');
      void (
        opened || !options.probe
          ? Promise.resolve<ProbeResult>('ok')
          : options.probe().catch((): ProbeResult => 'unreachable')
      ).then((probe) => {
        if (closed) return;
        if (probe === 'unauthorized') return connection.set('unauthorized');
        retryTimer = setTimeout(connect, backoff(attempt++));
      });
    };
  };

  const receive = (text: string) => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return;
    }
    const message = readServerMessage(raw, eventCheck);
    if (!message) return;
    if ('method' in message)
      return message.method === 'thread/event' ? events.batcher.push(message.params) : events.change(message.params);
    if ('error' in message)
      pending.reject(message.id, new ClientError(message.error.code, message.error.message, message.error.details));
    else pending.resolve(message.id, message.result);
  };

  connect();

  return {
    call<C extends CommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>> {
      const ws = socket;
      if (!ws || ws.readyState !== openState) {
        return Promise.reject(
          new ClientError(
            'engineUnavailable',
            'Not connected to the Flotilla engine yet; reconnecting. Try again in a moment.',
          ),
        );
      }
      const { id, promise } = pending.register<CommandResult<C>>(method);
      const request: RequestMessage = { id, method, params };
      ws.send(JSON.stringify(request));
      return promise;
    },
    subscribe: events.subscribe,
    onChange: events.onChange,
    onConnection: connection.listen,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      events.batcher.dispose();
      failPending('The connection to the Flotilla engine was closed.');
      const ws = socket;
      socket = null;
      ws?.close(1000);
      connection.set('closed');
    },
  };
}
