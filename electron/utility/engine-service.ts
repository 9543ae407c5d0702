import type { ThreadEvent } from '../../shared/events.js';
import type { ProviderId } from '../../shared/repo.js';
import type { CommandName } from '../../shared/commands.js';
import type { EngineApi } from '../../engine/engine-api.js';
import { EngineError, toErrorData } from '../../engine/errors.js';
import { heldHomeLock } from '../../engine/host/home-lock.js';
import { homePaths } from '../../engine/home.js';
import { openEngine, type OpenedEngine } from '../../engine/host/open-engine.js';
import type { HostLinkProvider } from '../../engine/hosts/host-link-provider.js';
import { HostLinks } from '../../engine/hosts/host-links.js';
import { serveEngine, type EngineServer } from '../../engine/host/ws-server.js';
import {
  changeFrame,
  eventFrame,
  parseToEngine,
  type FromEngine,
  type ProviderKeys,
  type ToEngine,
} from '../common/engine-protocol.js';
import { keyEnvironmentNames } from '../common/key-vault.js';
import { createHostChannels, type EventPortLike, type HostChannels } from './host-channels.js';
import { inboxWatch } from '../../shared/inbox-notification.js';
import { isNotable } from '../../shared/notification-policy.js';

export type { EventPortLike } from './host-channels.js';

/** The engine process's link to the main process (Electron's process.parentPort, adapted). */
export interface ParentPortLike {
  postMessage(message: FromEngine): void;
  onMessage(listener: (data: unknown, ports: readonly EventPortLike[]) => void): void;
}

/** How to run the engine service. */
export interface EngineServiceOptions {
  parent: ParentPortLike;
  /** FLOTILLA_HOME: the app's userData folder. */
  home: string;
  /** Where provider keys go so the engine reads them (process.env in the engine process). */
  env: NodeJS.ProcessEnv;
  /** Finds or opens the home's engine; defaults to openEngine (connects to `flotilla serve` when one runs). */
  open?: (home: string) => Promise<OpenedEngine>;
  /** Whether a local engine also serves its WebSocket on loopback so the CLI can use it (default true). */
  share?: boolean;
  /**
   * The remote hosts calls and ports with `host` go to; defaults to the local engine's own, or (when the engine is
   * another process's) links this process opens from the home's hosts.json.
   */
  hosts?: HostLinkProvider;
  /** Called once the engine has closed after a shutdown request. */
  onClosed?: () => void;
}

/** A running engine service. */
export interface EngineService {
  /** Resolves when the engine has closed (after a shutdown request). */
  readonly closed: Promise<void>;
}

/**
 * The engine process's logic, free of Electron: opens the same engine `flotilla serve` runs on
 * the home, answers `call` requests by id, streams every thread event to each attached event
 * port (the renderer's, without passing through the main process), forwards the few events that
 * become notifications to the main process, and closes the engine (interrupting running turns,
 * which are recorded) on `shutdown`.
 */
export function runEngineService(options: EngineServiceOptions): EngineService {
  const { parent } = options;
  const eventPorts = new Set<EventPortLike>();
  const inherited = new Map<ProviderId, string | undefined>();
  let engine: Promise<OpenedEngine> | null = null;
  let server: EngineServer | null = null;
  let hostChannels: HostChannels | null = null;
  let ownHosts: HostLinks | null = null;
  let unsubscribe: (() => void) | null = null;
  let shuttingDown: Promise<void> | null = null;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const setKey = (provider: ProviderId, apiKey: string | null) => {
    const name = keyEnvironmentNames[provider];
    if (!inherited.has(provider)) inherited.set(provider, options.env[name]);
    // Clearing the app's key falls back to what the user's own environment had, as the CLI would.
    const value = apiKey ?? inherited.get(provider);
    if (value === undefined) delete options.env[name];
    else options.env[name] = value;
  };

  const broadcast = (event: ThreadEvent) => {
    const frame = eventFrame(event);
    for (const port of eventPorts) port.postMessage(frame);
    if (isNotable(event)) parent.postMessage({ type: 'notify', event });
  };

  const start = async (keys: ProviderKeys): Promise<OpenedEngine> => {
    for (const [provider, key] of Object.entries(keys) as [ProviderId, string][]) setKey(provider, key);
    const opened = await (options.open ?? ((home) => openEngine({ home })))(options.home);
    const stopEvents = opened.api.subscribe(broadcast);
    const inboxNews = inboxWatch();
    const stopChanges = opened.api.onChange((change) => {
      const frame = changeFrame(change);
      for (const port of eventPorts) port.postMessage(frame);
      const run = inboxNews(change);
      if (run) parent.postMessage({ type: 'notifyInbox', run });
    });
    unsubscribe = () => {
      stopEvents();
      stopChanges();
    };
    const hosts = hostsFor(opened);
    hostChannels = createHostChannels(hosts, opened.api, (frame) => {
      for (const port of eventPorts) port.postMessage(frame);
    });
    if (opened.kind === 'local' && options.share !== false) server = await share(options.home, opened.api, hosts);
    parent.postMessage({ type: 'ready', kind: opened.kind, home: options.home, serverUrl: server?.url ?? null });
    return opened;
  };

  const hostsFor = (opened: OpenedEngine): HostLinkProvider => {
    if (options.hosts) return options.hosts;
    if (opened.kind === 'local' && 'hosts' in opened.api) return (opened.api as { hosts: HostLinkProvider }).hosts;
    ownHosts = new HostLinks({ hostsFile: homePaths(options.home).hosts });
    return ownHosts;
  };

  const handle = async (message: ToEngine, ports: readonly EventPortLike[]): Promise<void> => {
    switch (message.type) {
      case 'init': {
        if (engine) return;
        engine = start(message.keys);
        engine.catch((error: unknown) => parent.postMessage({ type: 'startFailed', error: toErrorData(error) }));
        return;
      }
      case 'call': {
        try {
          const opened = await ready();
          const method = message.method as CommandName;
          const result =
            message.host === undefined
              ? await opened.api.call(method, message.params as never)
              : await hostChannels!.call(message.host, method, message.params);
          parent.postMessage({ type: 'result', id: message.id, result });
        } catch (error) {
          parent.postMessage({ type: 'error', id: message.id, error: toErrorData(error) });
        }
        return;
      }
      case 'setKey': {
        try {
          const opened = await ready();
          if (opened.kind === 'remote') throw remoteKeyError();
          setKey(message.provider, message.apiKey);
          parent.postMessage({ type: 'result', id: message.id, result: {} });
        } catch (error) {
          parent.postMessage({ type: 'error', id: message.id, error: toErrorData(error) });
        }
        return;
      }
      case 'attachEvents': {
        const { host } = message;
        if (host !== undefined) {
          const opened = await ready().catch(() => null);
          for (const port of ports) {
            if (opened && hostChannels) hostChannels.attach(host, port);
            else port.close();
          }
          return;
        }
        for (const port of ports) {
          eventPorts.add(port);
          port.onClose(() => eventPorts.delete(port));
        }
        return;
      }
      case 'shutdown': {
        shuttingDown ??= shutdown();
        return shuttingDown;
      }
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  };

  const ready = async (): Promise<OpenedEngine> => {
    if (shuttingDown) throw new EngineError('engineUnavailable', 'The engine is shutting down.');
    if (!engine)
      throw new EngineError('engineUnavailable', 'The engine has not been started yet; try again in a moment.');
    return engine;
  };

  const shutdown = async () => {
    try {
      const opened = engine ? await engine.catch(() => null) : null;
      unsubscribe?.();
      hostChannels?.dispose();
      await ownHosts?.closeAll().catch(() => undefined);
      await server?.close().catch(() => undefined);
      await opened?.api.close();
    } finally {
      for (const port of eventPorts) port.close();
      eventPorts.clear();
      parent.postMessage({ type: 'closed' });
      resolveClosed();
      options.onClosed?.();
    }
  };

  parent.onMessage((data, ports) => {
    const message = parseToEngine(data);
    if (!message) return;
    void handle(message, ports);
  });
  return { closed };
}

async function share(home: string, api: EngineApi, hosts: HostLinkProvider): Promise<EngineServer | null> {
  const lock = heldHomeLock(home);
  if (!lock) return null;
  let server: EngineServer;
  try {
    // The CLI's `--host` reaches the hosts through this server, as through `flotilla serve`.
    server = await serveEngine({ engine: api, hosts });
  } catch {
    return null;
  }
  try {
    await lock.setEndpoint({ url: server.url, token: server.token });
    return server;
  } catch {
    // The CLI then opens its own engine or reports the lock; the window works either way.
    await server.close();
    return null;
  }
}

function remoteKeyError(): EngineError {
  return new EngineError(
    'keyStorageUnavailable',
    'Another Flotilla process (`flotilla serve`) runs the engine for this folder, so the app cannot hand it API keys. ' +
      `Set ${Object.values(keyEnvironmentNames).join(' / ')} in that process's environment, or stop it and restart Flotilla.`,
  );
}
