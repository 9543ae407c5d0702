import type { CommandName } from '../../shared/commands.js';
import type { EngineChange } from '../../shared/engine-events.js';
import type { EngineApi } from '../../engine/engine-api.js';
import { routeToHost, type HostRoute } from '../../engine/host/host-route.js';
import { hostStateChange, watchHostStates } from '../../engine/host/host-states.js';
import type { HostLink } from '../../engine/hosts/host-link-types.js';
import type { HostLinkProvider } from '../../engine/hosts/host-link-provider.js';
import { changeFrame, eventFrame, type EventFrame } from '../common/engine-protocol.js';

/** A port that can carry transferred ports (Electron's MessagePortMain; a Node MessagePort in tests). */
export interface EventPortLike {
  postMessage(message: unknown): void;
  onClose(listener: () => void): void;
  close(): void;
}

/** The window's ways to remote hosts through the engine process, one channel per host it opened. */
export interface HostChannels {
  /** Runs a call on a host (host/* commands stay with this machine's engine, since hosts.json lives here). */
  call(host: string, method: CommandName, params: unknown): Promise<unknown>;
  /** Streams a host's thread events, engine changes and link state to a port. */
  attach(host: string, port: EventPortLike): void;
  /** Closes every host port and stops forwarding. */
  dispose(): void;
}

/** A host's link once opened, or why it could not be. */
interface LinkOutcome {
  link: HostLink | null;
  failure: string | null;
}

interface HostChannel extends LinkOutcome {
  route: HostRoute;
  ports: Set<EventPortLike>;
  /** Resolves once the provider gave the link or refused it (not once the link is connected). */
  settled: Promise<void>;
  settle(): void;
}

/**
 * Routes host calls and events as the WebSocket server routes `?host=NAME` sockets: each host's link comes from
 * `hosts` (opened on first use, kept), its events go to the ports attached for that host, and every link's state
 * change goes to every port, this machine's (`broadcast`) and each host's alike.
 */
export function createHostChannels(
  hosts: HostLinkProvider,
  local: Pick<EngineApi, 'call' | 'onChange'>,
  broadcast: (frame: EventFrame) => void,
): HostChannels {
  const channels = new Map<string, HostChannel>();
  const post = (ports: Iterable<EventPortLike>, frame: EventFrame) => {
    for (const port of ports) port.postMessage(frame);
  };
  const states = watchHostStates((change) => {
    const frame = changeFrame(change);
    broadcast(frame);
    for (const channel of channels.values()) post(channel.ports, frame);
  });
  const stateOf = (name: string, outcome: LinkOutcome): EngineChange | null => {
    if (outcome.link) return hostStateChange(outcome.link);
    if (outcome.failure) return { type: 'host.state', name, state: 'failed', error: outcome.failure };
    return null;
  };

  const channelOf = (name: string): HostChannel => {
    const existing = channels.get(name);
    if (existing) return existing;
    const ports = new Set<EventPortLike>();
    const outcome: LinkOutcome = { link: null, failure: null };
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const route = routeToHost(hosts, name, local, {
      event: (event) => post(ports, eventFrame(event)),
      change: (change) => post(ports, changeFrame(change)),
      linked(link, error) {
        outcome.link = link;
        outcome.failure = error;
        settle();
        if (link) states.watch(link);
        const state = stateOf(name, outcome);
        if (state) post(ports, changeFrame(state));
      },
    });
    const channel: HostChannel = Object.assign(outcome, { route, ports, settled, settle });
    channels.set(name, channel);
    return channel;
  };

  return {
    async call(host, method, params) {
      const channel = channelOf(host);
      // A first call on a host says why it cannot be opened (not "connecting") when hosts.json does not list it.
      if (!method.startsWith('host/')) await channel.settled;
      return channel.route.call(method, params as never);
    },
    attach(host, port) {
      const channel = channelOf(host);
      channel.ports.add(port);
      port.onClose(() => channel.ports.delete(port));
      // A port attached after the link opened still learns its state, which tells the window to read the host.
      const state = stateOf(host, channel);
      if (state) port.postMessage(changeFrame(state));
    },
    dispose() {
      states.dispose();
      for (const channel of channels.values()) {
        channel.route.dispose();
        channel.settle();
        for (const port of channel.ports) port.close();
      }
      channels.clear();
    },
  };
}
