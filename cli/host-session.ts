import type { EngineApi } from '../engine/engine-api.js';
import { homePaths, resolveHome } from '../engine/home.js';
import { HostLinks } from '../engine/hosts/host-links.js';
import { ProviderVault } from '../engine/store/provider-vault.js';
import type { RemoteEngine } from '../engine/host/ws-client.js';
import { eprintln, type CliIo } from './cli-io.js';

/**
 * Opens a remote host's engine for one command (`--host NAME`): a link that reads hosts.json and the keys to send from
 * this machine's home without opening its engine, and rides out dropped connections. Fails with what to do when the
 * host cannot be reached. Closing it leaves the remote engine running.
 */
export async function openHostEngine(io: CliIo, name: string): Promise<RemoteEngine> {
  const paths = homePaths(resolveHome(io.env));
  let vault: ProviderVault | null = null;
  const hosts = new HostLinks({
    hostsFile: paths.hosts,
    env: io.env,
    localKey: (provider) => (vault ??= new ProviderVault(paths, io.env)).providerConfig(provider).apiKey,
    // A command fails fast instead of retrying a first connection for minutes.
    backoffMs: () => 1_000,
  });
  try {
    const link = hosts.open(name);
    await link.whenConnected();
    // Say what the link does while a command follows a task: it rides out drops, and gives up only when it must.
    let failed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (failed = resolve));
    link.onState((state) => {
      if (state === 'reconnecting') eprintln(io, `The connection to ${name} dropped; reconnecting…`);
      else if (state === 'connected') eprintln(io, `Reconnected to ${name}; caught up on what happened meanwhile.`);
      else if (state === 'failed') {
        eprintln(io, `error: ${link.error ?? `The link to ${name} failed.`}`);
        failed();
      }
    });
    return {
      closed,
      call: (method, params) => link.call(method, params),
      subscribe: (listener) => link.subscribe(listener),
      onChange: (listener) => link.onChange(listener),
      close: () => hosts.closeAll(),
    };
  } catch (error) {
    await hosts.closeAll();
    throw error;
  }
}

/** Runs `work` against a remote host's engine (see openHostEngine) and closes the link afterwards. */
export async function withHost<T>(io: CliIo, name: string, work: (api: EngineApi) => Promise<T>): Promise<T> {
  const api = await openHostEngine(io, name);
  try {
    return await work(api);
  } finally {
    await api.close();
  }
}
