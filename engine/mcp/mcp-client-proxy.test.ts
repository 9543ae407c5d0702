import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHttpMcpFixture, type HttpMcpFixture } from '../../testing/mcp/http-fixture-server.js';
import { closeServers, startProxy } from '../../testing/net/forwarding-proxy.js';
import { startMcpServer } from './mcp-client.js';

let fixture: HttpMcpFixture | null = null;
afterEach(async () => {
  vi.unstubAllEnvs();
  await fixture?.close();
  fixture = null;
  await closeServers();
});

describe('an HTTP MCP server behind a proxy', () => {
  it('is reached through HTTP_PROXY, as model calls are', async () => {
    fixture = await startHttpMcpFixture();
    const port = Number(new URL(fixture.url).port);
    const proxy = await startProxy(() => port);
    vi.stubEnv('http_proxy', proxy.url);
    vi.stubEnv('no_proxy', '');
    const connection = await startMcpServer({
      transport: 'http',
      name: 'docs',
      origin: 'user',
      url: 'http://mcp.example.test/mcp',
      headers: {},
    });
    try {
      expect(connection.tools.length).toBeGreaterThan(0);
    } finally {
      await connection.close();
    }
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.every((seen) => seen.line.endsWith(' http://mcp.example.test/mcp'))).toBe(true);
  });
});
