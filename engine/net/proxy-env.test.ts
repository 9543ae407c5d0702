import { describe, expect, it } from 'vitest';
import { proxyAuthorization, proxyFor } from './proxy-env.js';

const at = (url: string, env: Record<string, string>) => proxyFor(new URL(url), env)?.href ?? null;

describe('which proxy a request goes through', () => {
  it('takes HTTPS_PROXY for https and HTTP_PROXY for http, lower case first, a bare host:port as http://', () => {
    const env = { HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', HTTP_PROXY: 'plain:8080' };
    expect(at('https://api.anthropic.com/v1/messages', env)).toBe('http://lower:3128/');
    expect(at('http://models.example.com/v1', env)).toBe('http://plain:8080/');
    expect(at('https://api.openai.com/v1', {})).toBeNull();
  });

  it('leaves out hosts NO_PROXY lists (names with their subdomains, ports, *) and loopback hosts always', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: 'internal.example, .corp.test, gpu.lan:8443' };
    expect(at('https://internal.example/v1', env)).toBeNull();
    expect(at('https://llm.internal.example/v1', env)).toBeNull();
    expect(at('https://a.corp.test/v1', env)).toBeNull();
    expect(at('https://gpu.lan:8443/v1', env)).toBeNull();
    expect(at('https://gpu.lan/v1', env)).toBe('http://proxy:3128/');
    expect(at('https://notinternal.example/v1', env)).toBe('http://proxy:3128/');
    expect(at('https://api.anthropic.com/v1', { ...env, NO_PROXY: '*' })).toBeNull();
    for (const local of ['http://localhost:11434/v1', 'http://127.0.0.1:8000/v1', 'http://[::1]:8000/v1'])
      expect(at(local, { HTTP_PROXY: 'http://proxy:3128' })).toBeNull();
  });

  it('says which variable is wrong and how to set it', () => {
    expect(() => at('https://api.openai.com/v1', { HTTPS_PROXY: 'socks5://proxy:1080' })).toThrow(
      'HTTPS_PROXY is "socks5://proxy:1080"; Flotilla reaches proxies over http:// only. Set it to http://host:port.',
    );
    expect(() => at('https://api.openai.com/v1', { HTTPS_PROXY: 'http://[bad' })).toThrow('which is not a URL');
  });

  it('sends the credentials in the proxy URL as basic authentication', () => {
    expect(proxyAuthorization(new URL('http://me:p%40ss@proxy:3128'))).toBe(
      `Basic ${Buffer.from('me:p@ss').toString('base64')}`,
    );
    expect(proxyAuthorization(new URL('http://proxy:3128'))).toBeNull();
  });
});
