import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
const saved = {
  ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY,
  OPENAI_API_KEY: process.env.OPENAI_API_KEY,
  OPENAI_BASE_URL: process.env.OPENAI_BASE_URL,
};
afterEach(async () => {
  vi.unstubAllEnvs();
  await harness?.dispose();
  harness = null;
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('provider keys and prices', () => {
  it('takes keys in, never gives them out, and treats empty environment variables as unset', async () => {
    process.env.ANTHROPIC_API_KEY = '';
    process.env.OPENAI_API_KEY = 'sk-from-env';
    delete process.env.OPENAI_BASE_URL;
    harness = await startHarness();
    const before = (await harness.engine.call('provider/list', {})).providers;
    expect(before.anthropic).toEqual({ baseUrl: null, hasApiKey: false, route: { kind: 'direct' } });
    expect(before.openai).toEqual({ baseUrl: null, hasApiKey: true, route: { kind: 'direct' } });
    const { providers } = await harness.engine.call('provider/update', {
      provider: 'anthropic',
      settings: { apiKey: 'sk-ant-secret', baseUrl: 'http://127.0.0.1:9/' },
    });
    expect(providers.anthropic).toEqual({ baseUrl: 'http://127.0.0.1:9/', hasApiKey: true, route: { kind: 'direct' } });
    expect(JSON.stringify(providers)).not.toContain('sk-ant-secret');
    const secrets = join(harness.home, 'secrets.json');
    expect(readFileSync(secrets, 'utf8')).toContain('sk-ant-secret');
    expect(statSync(secrets).mode & 0o077).toBe(0);
    const cleared = await harness.engine.call('provider/update', { provider: 'anthropic', settings: { apiKey: null } });
    expect(cleared.providers.anthropic.hasApiKey).toBe(false);
    await expect(
      harness.engine.call('provider/update', { provider: 'openai', settings: { baseUrl: 'not a url' } }),
    ).rejects.toThrow(/not a URL/);
  });

  it('says how each provider is reached: through the proxy the environment names (without its credentials), or why not', async () => {
    vi.stubEnv('https_proxy', 'http://me:secret@proxy.corp.test:3128');
    vi.stubEnv('no_proxy', 'api.openai.com');
    harness = await startHarness();
    const { providers } = await harness.engine.call('provider/list', {});
    expect(providers.anthropic.route).toEqual({
      kind: 'proxy',
      address: 'proxy.corp.test:3128',
      variable: 'https_proxy',
    });
    expect(providers.openai.route).toEqual({ kind: 'direct' });
    expect(JSON.stringify(providers)).not.toContain('secret');
    vi.stubEnv('https_proxy', 'socks5://proxy.corp.test:1080');
    const invalid = (await harness.engine.call('provider/list', {})).providers.anthropic.route;
    expect(invalid).toEqual({
      kind: 'invalid',
      message:
        'HTTPS_PROXY is "socks5://proxy.corp.test:1080"; Flotilla reaches proxies over http:// only. Set it to http://host:port.',
    });
  });

  it('lets users override and add prices, and keeps them across restarts', async () => {
    harness = await startHarness();
    const price = { input: 1, output: 2, cacheRead: 0.1, cacheWrite: 0, contextWindow: 32_000 };
    await harness.engine.call('pricing/update', { model: 'compatible:llama3', price });
    expect((await harness.engine.call('pricing/get', {})).prices['compatible:llama3']).toEqual(price);
    await expect(harness.engine.call('pricing/update', { model: 'llama3', price })).rejects.toThrow(/provider:model/);
    await harness.engine.close();
    const { createEngine } = await import('../engine.js');
    harness.engine = await createEngine({ home: harness.home });
    expect((await harness.engine.call('pricing/get', {})).prices['compatible:llama3']).toEqual(price);
    await harness.engine.call('pricing/update', { model: 'compatible:llama3', price: null });
    expect((await harness.engine.call('pricing/get', {})).prices['compatible:llama3']).toBeUndefined();
  });
});
