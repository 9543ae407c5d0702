import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeServers, listen, startProxy } from '../../testing/net/forwarding-proxy.js';
import { httpFetch } from './http-fetch.js';

afterEach(async () => {
  vi.unstubAllEnvs();
  await closeServers();
});

const basicAuth = `Basic ${Buffer.from('me:secret').toString('base64')}`;

describe('httpFetch through a proxy', () => {
  it('sends a plain request to HTTP_PROXY whole, with its credentials, and streams the answer back', async () => {
    const origin = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`origin saw ${request.method} ${request.url} for ${request.headers.host}`);
    });
    const port = await listen(origin);
    const proxy = await startProxy(() => port);
    vi.stubEnv('http_proxy', proxy.url);
    vi.stubEnv('no_proxy', '');
    const response = await httpFetch('http://models.example.test:8080/v1/models', { method: 'POST', body: 'x' });
    expect(await response.text()).toBe('origin saw POST /v1/models for models.example.test:8080');
    expect(proxy.seen).toEqual([{ line: 'POST http://models.example.test:8080/v1/models', auth: basicAuth }]);
  });

  it("sends a form body (as the MCP SDK's OAuth token request does) through the proxy too", async () => {
    const origin = createServer(async (request, response) => {
      let sent = '';
      for await (const chunk of request) sent += String(chunk);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sent }));
    });
    const port = await listen(origin);
    const proxy = await startProxy(() => port);
    vi.stubEnv('http_proxy', proxy.url);
    vi.stubEnv('no_proxy', '');
    const response = await httpFetch('http://auth.example.test/token', {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r' }),
    });
    expect(await response.json()).toEqual({ sent: 'grant_type=refresh_token&refresh_token=r' });
    expect(proxy.seen).toEqual([{ line: 'POST http://auth.example.test/token', auth: basicAuth }]);
  });

  it('tunnels https through HTTPS_PROXY with CONNECT, then speaks TLS to the server inside it (its name sent as SNI)', async () => {
    let hello: Buffer = Buffer.alloc(0);
    const tls = createTcpServer((socket) => {
      socket.once('data', (chunk: Buffer) => {
        hello = chunk;
        socket.destroy();
      });
    });
    const port = await listen(tls);
    const proxy = await startProxy(() => port);
    vi.stubEnv('https_proxy', proxy.url);
    vi.stubEnv('no_proxy', '');
    await expect(httpFetch('https://api.example.test/v1/messages')).rejects.toThrow(
      'the request through the proxy at 127.0.0.1',
    );
    expect(proxy.seen).toEqual([{ line: 'CONNECT api.example.test:443', auth: basicAuth }]);
    // A TLS handshake record, naming the server the tunnel leads to.
    expect(hello[0]).toBe(0x16);
    expect(hello.includes(Buffer.from('api.example.test'))).toBe(true);
  });

  it('says what the proxy answered when it refuses the tunnel, and that credentials go in its URL', async () => {
    const proxy = await startProxy(() => 1, 407);
    vi.stubEnv('https_proxy', proxy.url.replace('me:secret@', ''));
    vi.stubEnv('no_proxy', '');
    await expect(httpFetch('https://api.example.test/v1/messages')).rejects.toThrow(
      /answered 407 .*to a tunnel to api\.example\.test:443\. It wants credentials: put them in the proxy URL/,
    );
  });

  it('rejects with an AbortError, not a proxy failure, when a request through the proxy is aborted', async () => {
    const origin = createServer(() => undefined);
    const port = await listen(origin);
    const proxy = await startProxy(() => port);
    vi.stubEnv('http_proxy', proxy.url);
    vi.stubEnv('no_proxy', '');
    const controller = new AbortController();
    const pending = httpFetch('http://models.example.test/v1/slow', { signal: controller.signal });
    await vi.waitFor(() => expect(proxy.seen).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('goes straight to a loopback server (a local model) even with a proxy set', async () => {
    const origin = createServer((_request, response) => response.end('direct'));
    const port = await listen(origin);
    const proxy = await startProxy(() => port);
    vi.stubEnv('http_proxy', proxy.url);
    expect(await (await httpFetch(`http://127.0.0.1:${port}/v1`)).text()).toBe('direct');
    expect(proxy.seen).toEqual([]);
  });
});
