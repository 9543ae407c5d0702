import type { EngineApi } from '../engine/engine-api.js';
import { homePaths, resolveHome } from '../engine/home.js';
import { HostLinks } from '../engine/hosts/host-links.js';
import { ProviderVault } from '../engine/store/provider-vault.js';
import type { CliIo } from './cli-io.js';

/**
 * Opens a remote host's engine for one command (`--host NAME`): a link that reads hosts.json and the keys to send from
 * this machine's home without opening its engine, and rides out dropped connections. Fails with what to do when the
 * host cannot be reached. Closing it leaves the remote engine running.
 */
export async function openHostEngine(io: CliIo, name: string): Promise<EngineApi> {
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
    return {
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
