import type { EngineApi } from '../engine/engine-api.js';
import { homePaths, resolveHome } from '../engine/home.js';
import { HostLinks } from '../engine/hosts/host-links.js';
import { ProviderVault } from '../engine/store/provider-vault.js';
import type { CliIo } from './cli-io.js';

/**
 * Runs `work` against a remote host's engine (`--host NAME`): one ssh link for this command, reading hosts.json and
 * the keys to send from this machine's home without opening its engine. Fails with what to do when the host cannot be
 * reached. The remote engine keeps running afterwards.
 */
export async function withHost<T>(io: CliIo, name: string, work: (api: EngineApi) => Promise<T>): Promise<T> {
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
    return await work(link);
  } finally {
    await hosts.closeAll();
  }
}
