import type { ConnectionState } from './engine-client.js';

/** Holds a connection state and tells listeners: at once when they subscribe, then on every change. */
export function createConnectionState(initial: ConnectionState): {
  get(): ConnectionState;
  set(state: ConnectionState): void;
  listen(listener: (state: ConnectionState) => void): () => void;
} {
  let current = initial;
  const listeners = new Set<(state: ConnectionState) => void>();
  return {
    get: () => current,
    set(state) {
      if (state === current) return;
      current = state;
      for (const listener of [...listeners]) listener(state);
    },
    listen(listener) {
      listeners.add(listener);
      listener(current);
      return () => listeners.delete(listener);
    },
  };
}
