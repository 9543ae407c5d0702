import type { HostConfig } from '../../shared/hosts.js';
import type { HostLink } from './host-link-types.js';

/**
 * Where a server (the WebSocket host, the desktop main process) gets the links to remote hosts: one live HostLink per
 * host in hosts.json, opened on first use and kept until closeAll (a link reconnects by itself).
 */
export interface HostLinkProvider {
  /** The hosts in hosts.json, in the order they were added. */
  list(): Promise<HostConfig[]>;
  /** The link to one host, connecting it if it is not yet; throws EngineError notFound for a host not in hosts.json. */
  link(name: string): Promise<HostLink>;
  /** Closes every link (remote engines keep running). */
  closeAll(): Promise<void>;
}
