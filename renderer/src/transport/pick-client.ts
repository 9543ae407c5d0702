import type { Bridge, DesktopBridge } from '../../../shared/bridge.js';
import { hostSocketUrl } from '../hosts/host-choice.js';
import { createBridgeClient } from './bridge-client.js';
import type { EngineClient } from './engine-client.js';
import { takePageToken } from './page-token.js';
import { createWebSocketClient, type ProbeResult } from './ws-client.js';

/** Opens a client of one host's engine (null: this machine's), for the window's host switcher. */
export type HostClientOpener = (host: string | null) => EngineClient;

/**
 * The transport chosen for this page and how to reach another host (over the desktop bridge, null when it cannot), or
 * why there is none.
 */
export type PickedClient =
  | { client: EngineClient; kind: 'bridge'; openHost: HostClientOpener | null }
  | { client: EngineClient; kind: 'websocket'; openHost: HostClientOpener }
  | { client: null; problem: 'noToken' };

/**
 * Picks the transport at start: the Electron preload bridge when present (the desktop's reaches hosts through its
 * engine process), otherwise the WebSocket of the engine that served this page, authenticated with the page's token.
 */
export function pickClient(
  page: Window & { flotilla?: Bridge & Partial<DesktopBridge> },
  wsPath: string,
): PickedClient {
  const bridge = page.flotilla;
  if (bridge) {
    const openHost: HostClientOpener | null = bridge.openHost
      ? (host) => createBridgeClient(host === null ? bridge : bridge.openHost!(host))
      : null;
    return { client: createBridgeClient(bridge), kind: 'bridge', openHost };
  }
  const token = takePageToken(page);
  if (!token) return { client: null, problem: 'noToken' };
  const scheme = page.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${page.location.host}${wsPath}?token=${encodeURIComponent(token)}`;
  const probe = tokenProbe(page.location.origin, token);
  const openHost: HostClientOpener = (host) => createWebSocketClient({ url: hostSocketUrl(url, host), probe });
  return { client: openHost(null), kind: 'websocket', openHost };
}

/** Asks the engine's HTTP side whether a token is good (a browser hides why a WebSocket was refused). */
export function tokenProbe(origin: string, token: string): () => Promise<ProbeResult> {
  return async () => {
    const response = await fetch(`${origin}/?token=${encodeURIComponent(token)}`, {
      method: 'HEAD',
      credentials: 'omit',
      cache: 'no-store',
    });
    return response.status === 401 ? 'unauthorized' : 'ok';
  };
}
