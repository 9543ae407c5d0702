import type { HostConfig } from '../../shared/hosts.js';
import { EngineError } from '../../engine/errors.js';
import type { HostLinkProvider } from '../../engine/hosts/host-link-provider.js';
import { LoopbackHostLink, type LoopbackTarget } from './loopback-host-link.js';

/**
 * A HostLinkProvider over loopback links (see LoopbackHostLink), for tests of what serves remote hosts: each "host" is
 * another engine served on this machine. A link opens on first use and is kept, as the SSH provider's are.
 */
export class LoopbackHosts implements HostLinkProvider {
  private readonly links = new Map<string, LoopbackHostLink>();
  private readonly targets = new Map<string, LoopbackTarget>();

  /** Adds a host by name (what hosts.json would list). */
  add(name: string, target: LoopbackTarget): void {
    this.targets.set(name, target);
  }

  async list(): Promise<HostConfig[]> {
    return [...this.targets].map(([name, target]) => ({
      name,
      target: target.url,
      addedAt: new Date(0).toISOString(),
    }));
  }

  async link(name: string): Promise<LoopbackHostLink> {
    const open = this.links.get(name);
    if (open) return open;
    const target = this.targets.get(name);
    if (!target) throw new EngineError('notFound', `No host named ${name}. See \`flotilla host list\`.`, { name });
    const link = new LoopbackHostLink(name, target);
    this.links.set(name, link);
    void link.connect();
    return link;
  }

  /** The link to a host, once something opened it. */
  opened(name: string): LoopbackHostLink | undefined {
    return this.links.get(name);
  }

  async closeAll(): Promise<void> {
    const links = [...this.links.values()];
    this.links.clear();
    await Promise.all(links.map((link) => link.close()));
  }
}
