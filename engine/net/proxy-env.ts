import type { ProviderRoute } from '../../shared/repo.js';
import { isIP } from 'node:net';

/** The environment variables a proxy is read from. */
type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

/** A variable's value and the spelling it was read under (lower case wins, as curl reads them). */
function variable(env: ProxyEnvironment, name: string): { name: string; value: string } {
  const lower = name.toLowerCase();
  const used = env[lower] !== undefined ? lower : name.toUpperCase();
  return { name: used, value: (env[used] ?? '').trim() };
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

/** A proxy variable that is set but unusable; its message says what to set instead. */
class ProxySettingError extends Error {}

/** The proxy for `url` and the variable that named it, or null; throws ProxySettingError for an unusable one. */
function proxySetting(url: URL, env: ProxyEnvironment): { proxy: URL; variable: string } | null {
  const wanted = url.protocol === 'https:' ? 'https_proxy' : url.protocol === 'http:' ? 'http_proxy' : null;
  if (!wanted || isLoopback(url.hostname)) return null;
  const { name, value } = variable(env, wanted);
  if (value === '' || bypassed(url, variable(env, 'no_proxy').value)) return null;
  const shown = wanted.toUpperCase();
  let proxy: URL;
  try {
    proxy = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    throw new ProxySettingError(`${shown} is "${value}", which is not a URL. Set it to http://host:port.`);
  }
  if (proxy.protocol !== 'http:')
    throw new ProxySettingError(
      `${shown} is "${value}"; Flotilla reaches proxies over http:// only. Set it to http://host:port.`,
    );
  return { proxy, variable: name };
}

/**
 * The proxy a request to `url` goes through, from HTTPS_PROXY (https) or HTTP_PROXY (http) unless NO_PROXY lists the
 * host; null for none. Loopback hosts never go through one (a local model server must not be sent to a corporate
 * proxy). Throws a fetch-style TypeError for a proxy setting that is not an http:// URL, naming the variable.
 */
export function proxyFor(url: URL, env: ProxyEnvironment = process.env): URL | null {
  try {
    return proxySetting(url, env)?.proxy ?? null;
  } catch (error) {
    if (error instanceof ProxySettingError) throw new TypeError(`fetch failed: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * How a request to `url` is sent, for showing: directly, through a proxy (host:port without credentials, and the
 * variable that named it), or not at all because that variable is not a usable URL.
 */
export function routeFor(url: URL, env: ProxyEnvironment = process.env): ProviderRoute {
  try {
    const setting = proxySetting(url, env);
    return setting ? { kind: 'proxy', address: setting.proxy.host, variable: setting.variable } : { kind: 'direct' };
  } catch (error) {
    if (error instanceof ProxySettingError) return { kind: 'invalid', message: error.message };
    throw error;
  }
}

/** The Proxy-Authorization header for a proxy URL with credentials (http://user:password@host:port), if any. */
export function proxyAuthorization(proxy: URL): string | null {
  if (!proxy.username) return null;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}
