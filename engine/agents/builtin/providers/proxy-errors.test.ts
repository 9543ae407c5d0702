import { createServer as createTcpServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordingHandlers, testRequest } from '../../../../testing/agents/provider-test-kit.js';
import { closeServers, forget, listen, startProxy } from '../../../../testing/net/forwarding-proxy.js';
import { ProviderError } from '../provider.js';
import { checkProvider } from './check-provider.js';
import { createProvider } from './index.js';

afterEach(async () => {
  vi.unstubAllEnvs();
  await closeServers();
});

describe('model calls through a proxy', () => {
  it('tells the user a model call failed at the proxy, and which settings to check', async () => {
    const proxy = await startProxy(() => 1, 407);
    vi.stubEnv('https_proxy', proxy.url.replace('me:secret@', ''));
    vi.stubEnv('no_proxy', '');
    const provider = createProvider('anthropic', { apiKey: 'key', baseUrl: 'https://api.example.test' });
    const error = await provider.complete(testRequest(), recordingHandlers()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'unreachable', retryable: true });
    expect((error as Error).message).toMatch(
      /^Could not reach https:\/\/api\.example\.test: The proxy at 127\.0\.0\.1:\d+ answered 407 .* Check HTTPS_PROXY, HTTP_PROXY and NO_PROXY\.$/,
    );
  });

  it('says the proxy is in the way when testing a provider in Settings, not that the server is down', async () => {
    const closed = createTcpServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    forget(closed);
    vi.stubEnv('https_proxy', `http://127.0.0.1:${port}`);
    vi.stubEnv('no_proxy', '');
    const check = await checkProvider('openai', { apiKey: 'key', baseUrl: 'https://api.example.test/v1' }, 2_000);
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(
      /^Could not reach https:\/\/api\.example\.test\/v1: Could not reach the proxy at 127\.0\.0\.1:\d+ \(connect ECONNREFUSED .*\)\. Check HTTPS_PROXY, HTTP_PROXY and NO_PROXY where the engine runs\.$/,
    );
  });
});
