import type { ProviderRoute } from '../../shared/repo.js';
import { isIP } from 'node:net';

/** The environment variables a proxy is read from (lower case wins, as curl reads them). */
type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

function variable(env: ProxyEnvironment, name: string): string {
  return (env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '').trim();
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** Whether NO_PROXY lists the host (a name matches itself and its subdomains; `*` matches every host). */
function bypassed(url: URL, list: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [name = '', entryPort] = entry.toLowerCase().split(/:(?=\d+$)/);
      if (entryPort && entryPort !== port) return false;
      const domain = name.replace(/^\*?\./, '');
      return host === domain || host.endsWith(`.${domain}`);
    });
}

/**
 * The proxy a request to `url` goes through, from HTTPS_PROXY (https) or HTTP_PROXY (http) unless NO_PROXY lists the
 * host; null for none. Loopback hosts never go through one (a local model server must not be sent to a corporate
 * proxy). Throws for a proxy setting that is not an http:// URL, naming the variable.
 */
export function proxyFor(url: URL, env: ProxyEnvironment = process.env): URL | null {
  const name = url.protocol === 'https:' ? 'https_proxy' : url.protocol === 'http:' ? 'http_proxy' : null;
  if (!name || isLoopback(url.hostname)) return null;
  const value = variable(env, name);
  if (value === '' || bypassed(url, variable(env, 'no_proxy'))) return null;
  let proxy: URL;
  try {
    proxy = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    throw new TypeError(
      `fetch failed: ${name.toUpperCase()} is "${value}", which is not a URL. Set it to http://host:port.`,
    );
  }
  if (proxy.protocol !== 'http:')
    throw new TypeError(
      `fetch failed: ${name.toUpperCase()} is "${value}"; Flotilla reaches proxies over http:// only. Set it to http://host:port.`,
    );
  return proxy;
}

/**
 * How a request to `url` is sent, for showing: directly, through a proxy (host:port without credentials, and the
 * variable that named it), or not at all because that variable is not a usable URL.
 */
export function routeFor(url: URL, env: ProxyEnvironment = process.env): ProviderRoute {
  try {
    const proxy = proxyFor(url, env);
    if (!proxy) return { kind: 'direct' };
    const name = url.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
    return { kind: 'proxy', address: proxy.host, variable: env[name] !== undefined ? name : name.toUpperCase() };
  } catch (error) {
    return { kind: 'invalid', message: (error as Error).message.replace(/^fetch failed: /, '') };
  }
}

/** The Proxy-Authorization header for a proxy URL with credentials (http://user:password@host:port), if any. */
export function proxyAuthorization(proxy: URL): string | null {
  if (!proxy.username) return null;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}
