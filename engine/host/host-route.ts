import type { IncomingMessage } from 'node:http';
import type { CommandName, CommandParams, CommandResult } from '../../shared/commands.js';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import { hostNameSchema } from '../../shared/hosts.js';
import type { EngineApi } from '../engine-api.js';
import { EngineError } from '../errors.js';
import type { HostLink } from '../hosts/host-link-types.js';
import type { HostLinkProvider } from '../hosts/host-link-provider.js';

/** The host a WebSocket upgrade asks for with `?host=NAME`; null for this machine's engine. */
export function requestedHost(request: IncomingMessage): string | null {
  const name = new URL(request.url ?? '/', 'http://localhost').searchParams.get('host');
  return name === null || name === '' ? null : name;
}

/** Why an upgrade to host `name` is refused (saying what to do), or null when the host is one this server reaches. */
export async function hostRefusal(hosts: HostLinkProvider | undefined, name: string): Promise<string | null> {
  if (!hostNameSchema.safeParse(name).success)
    return `"${name}" is not a host name: use letters, digits, dots, dashes or underscores, such as buildbox.`;
  if (!hosts) return `This Flotilla engine reaches no remote hosts, so it cannot open host "${name}".`;
  const known = await hosts.list();
  if (known.some((host) => host.name === name)) return null;
  const names = known.map((host) => host.name).join(', ');
  return `No host named "${name}"${names ? ` (hosts: ${names})` : ''}. Add it first with \`flotilla host add ${name} ssh://user@machine\` or the window's Add host form.`;
}

/** What one socket routed to a remote host talks to. */
export interface HostRoute {
  /** Runs a call on the host; host/* commands stay with this machine's engine, since hosts.json lives here. */
  call<C extends CommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>>;
  /** Stops forwarding the host's events. */
  dispose(): void;
}

/** Where a host route hands on what the host sends. */
export interface HostRouteSinks {
  event(event: ThreadEvent): void;
  change(change: EngineChange): void;
  /** The link is open (or could not be opened: null with the reason). */
  linked(link: HostLink | null, error: string | null): void;
}

/**
 * Routes one socket to a host's link: opens it (the provider keeps it for every socket), forwards its thread events and
 * engine changes, and refuses calls with a clear engineUnavailable while the link is not connected. The host's own
 * host changes (host.state, hosts.changed) are not forwarded: they describe the host's hosts, not this machine's; this
 * machine's hosts.changed is, from `local`.
 */
export function routeToHost(
  hosts: HostLinkProvider,
  name: string,
  local: Pick<EngineApi, 'call' | 'onChange'>,
  sinks: HostRouteSinks,
): HostRoute {
  let link: HostLink | null = null;
  let failure: string | null = null;
  let stops: (() => void)[] = [];
  let disposed = false;
  const stopLocal = local.onChange((change) => (change.type === 'hosts.changed' ? sinks.change(change) : undefined));
  hosts.link(name).then(
    (opened) => {
      if (disposed) return;
      link = opened;
      stops = [
        opened.subscribe(sinks.event),
        opened.onChange((change) => (aboutHosts(change) ? undefined : sinks.change(change))),
      ];
      sinks.linked(opened, null);
    },
    (error: unknown) => {
      failure = error instanceof Error ? error.message : String(error);
      if (!disposed) sinks.linked(null, failure);
    },
  );
  return {
    call(method, params) {
      if (method.startsWith('host/')) return local.call(method, params);
      if (!link || link.state !== 'connected') return Promise.reject(unavailable(name, link, failure));
      return link.call(method, params);
    },
    dispose() {
      disposed = true;
      stopLocal();
      stops.forEach((stop) => stop());
    },
  };
}

function unavailable(name: string, link: HostLink | null, failure: string | null): EngineError {
  const state = link?.state ?? (failure ? 'failed' : 'connecting');
  switch (state) {
    case 'idle':
    case 'connecting':
      return new EngineError('engineUnavailable', `Connecting to ${name}… try again in a moment.`, { host: name });
    case 'reconnecting':
    case 'connected':
      return new EngineError('engineUnavailable', `Reconnecting to ${name}… try again in a moment.`, { host: name });
    case 'failed':
      return new EngineError(
        'engineUnavailable',
        `Could not reach ${name}: ${link?.error ?? failure ?? 'the connection failed'}`,
        { host: name },
      );
    default: {
      const unknown: never = state;
      throw new Error(`unknown link state ${String(unknown)}`);
    }
  }
}

function aboutHosts(change: EngineChange): boolean {
  return change.type === 'host.state' || change.type === 'hosts.changed';
}
