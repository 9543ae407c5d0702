import type { HostLinkState } from '../../../../shared/hosts.js';
import type { ConnectionState } from '../../transport/engine-client.js';

/** A link state in words, as the switcher's dot tells it. */
export const hostStateText: Record<HostLinkState, string> = {
  idle: 'Not connected yet',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  failed: 'Could not connect',
};

/** This machine's engine connection as a link state, so Local's dot reads like the hosts'. */
export function localLinkState(connection: ConnectionState): HostLinkState {
  switch (connection) {
    case 'open':
      return 'connected';
    case 'connecting':
      return 'connecting';
    case 'closed':
    case 'unauthorized':
      return 'failed';
    default: {
      const unknown: never = connection;
      throw new Error(`unknown connection state ${String(unknown)}`);
    }
  }
}
