import type { Bridge } from '../../../shared/bridge.js';
import { createBridgeClient } from './bridge-client.js';
import type { EngineClient } from './engine-client.js';
import { takePageToken } from './page-token.js';
import { createWebSocketClient, type ProbeResult } from './ws-client.js';

/** The transport chosen for this page, or why there is none. */
export type PickedClient = { client: EngineClient; kind: 'bridge' | 'websocket' } | { client: null; problem: 'noToken' };

/**
 * Picks the transport at start: the Electron preload bridge when present, otherwise the WebSocket
 * of the engine that served this page, authenticated with the page's token.
 */
export function pickClient(page: Window & { flotilla?: Bridge }, wsPath: string): PickedClient {
  if (page.flotilla) return { client: createBridgeClient(page.flotilla), kind: 'bridge' };
  const token = takePageToken(page);
  if (!token) return { client: null, problem: 'noToken' };
  const scheme = page.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = `?token=${encodeURIComponent(token)}`;
  const probe = async (): Promise<ProbeResult> => {
    const response = await fetch(`${page.location.origin}/${query}`, { method: 'HEAD', credentials: 'omit', cache: 'no-store' });
    return response.status === 401 ? 'unauthorized' : 'ok';
  };
  const client = createWebSocketClient({ url: `${scheme}//${page.location.host}${wsPath}${query}`, probe });
  return { client, kind: 'websocket' };
}
