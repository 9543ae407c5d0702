import { ClientError } from '../transport/client-error.js';
import type { EngineClient } from '../transport/engine-client.js';
import type { RootState } from './store.js';

/** The store's engine client, or a clear error when the page has none yet. */
export function requireClient(state: RootState): EngineClient {
  if (!state.client)
    throw new ClientError(
      'engineUnavailable',
      'Not connected to the Flotilla engine yet; wait a moment and try again.',
    );
  return state.client;
}
