import type { HostConfig, HostStatus } from '../../shared/hosts.js';
import type { ProviderId } from '../../shared/repo.js';
import { EngineError } from '../errors.js';
import type { HostLinkProvider } from './host-link-provider.js';
import type { HostLink } from './host-link-types.js';
import { openHostLink, type HostLinkOptions } from './host-link.js';
import { readHosts } from './hosts-file.js';
import type { SshEngine } from './ssh-engine.js';

/** A host link as HostLinks keeps it: one that can also be awaited and dropped. */
export type OpenHostLink = ReturnType<typeof openHostLink>;

/** What HostLinks needs from its owner. */
export interface HostLinksOptions extends HostLinkOptions {
  /** hosts.json. */
  hostsFile: string;
  /** This side's key for a provider (the desktop's keychain or stored keys), to send hosts that ask for it. */
  localKey?: (provider: ProviderId) => string | null;
}

/**
 * The links to every remote host in hosts.json: opened on first use, one per host, each reconnecting by itself, and
 * each handed the keys its host asks for (held in the remote engine's memory only) on every connection.
 */
export class HostLinks implements HostLinkProvider {
  private readonly links = new Map<string, OpenHostLink>();

  constructor(private readonly options: HostLinksOptions) {}

  /** The hosts in hosts.json. */
  async list(): Promise<HostConfig[]> {
    return readHosts(this.options.hostsFile);
  }

  /** The host called `name` in hosts.json, or a notFound error listing the known ones. */
  config(name: string): HostConfig {
    const hosts = readHosts(this.options.hostsFile);
    const host = hosts.find((known) => known.name === name);
    if (host) return host;
    const known = hosts.length ? `Known hosts: ${hosts.map((known) => known.name).join(', ')}.` : 'No hosts are added.';
    throw new EngineError(
      'notFound',
      `No host "${name}". ${known} Add one with \`flotilla host add ${name} <ssh target>\`.`,
      {
        host: name,
      },
    );
  }

  /** The live link to a host, opening it on first use. */
  async link(name: string): Promise<HostLink> {
    return this.open(name);
  }

  /** The same, with the extras HostLinks' own callers use (waiting for the connection, dropping it). */
  open(name: string): OpenHostLink {
    const existing = this.links.get(name);
    if (existing) return existing;
    const host = this.config(name);
    const link = openHostLink(host, { ...this.options, prepare: (engine) => this.prepare(host, engine) });
    this.links.set(name, link);
    return link;
  }

  /** What a link knows now, without connecting; connected links also report their running tasks when `check` asks. */
  status(host: HostConfig): HostStatus {
    const link = this.links.get(host.name);
    return {
      name: host.name,
      target: host.target,
      state: link?.state ?? 'idle',
      ...(link?.error ? { error: link.error } : {}),
      ...(link?.info
        ? {
            engineVersion: link.info.engineVersion,
            protocolVersion: link.info.protocolVersion,
            nodeVersion: link.info.nodeVersion,
            home: link.info.home,
          }
        : {}),
    };
  }

  /** Closes and forgets one host's link (after it was removed or changed). */
  async forget(name: string): Promise<void> {
    const link = this.links.get(name);
    this.links.delete(name);
    await link?.close();
  }

  /** Closes every link; the remote engines keep running. */
  async closeAll(): Promise<void> {
    const links = [...this.links.values()];
    this.links.clear();
    await Promise.all(links.map((link) => link.close()));
  }

  private async prepare(host: HostConfig, engine: SshEngine): Promise<void> {
    for (const provider of host.sendKeys ?? []) {
      const apiKey = this.options.localKey?.(provider) ?? null;
      if (apiKey) await engine.call('provider/update', { provider, settings: { apiKey }, remember: false });
    }
  }
}
