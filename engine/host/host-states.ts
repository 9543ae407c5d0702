import type { EngineChange } from '../../shared/engine-events.js';
import type { HostLinkState } from '../../shared/hosts.js';
import type { HostLink } from '../hosts/host-link-types.js';

/** The `host.state` change telling a link's state (now, unless given) and why it failed or dropped. */
export function hostStateChange(link: HostLink, state: HostLinkState = link.state): EngineChange {
  const error = state === 'connected' ? null : link.error;
  return error ? { type: 'host.state', name: link.name, state, error } : { type: 'host.state', name: link.name, state };
}

/** Follows the state of every host link a server opened and tells all its sockets of each change. */
export interface HostStateWatch {
  /** Starts following a link (once per host name). */
  watch(link: HostLink): void;
  /** Stops following every link. */
  dispose(): void;
}

/** Creates the watch; `broadcast` sends a change to every socket, local and host ones alike. */
export function watchHostStates(broadcast: (change: EngineChange) => void): HostStateWatch {
  const watched = new Map<string, { link: HostLink; stop: () => void }>();
  return {
    watch(link) {
      if (watched.get(link.name)?.link === link) return;
      watched.get(link.name)?.stop();
      watched.set(link.name, { link, stop: link.onState((state) => broadcast(hostStateChange(link, state))) });
    },
    dispose() {
      for (const { stop } of watched.values()) stop();
      watched.clear();
    },
  };
}
