import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordingHandlers, testRequest } from '../../../../testing/agents/provider-test-kit.js';
import { ProviderError } from '../provider.js';
import { httpFetch } from './http-fetch.js';
import { checkProvider } from './check-provider.js';
import { createProvider } from './index.js';

const servers: Array<Server | TcpServer> = [];

async function listen<T extends Server | TcpServer>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The test server has no port.');
  return address.port;
}

/** What a test proxy saw: each request line and its Proxy-Authorization header. */
interface Seen {
  line: string;
  auth: string | undefined;
}

/**
 * A forwarding proxy on 127.0.0.1 that sends every host to `target` (so the test's made-up host names need no DNS):
 * absolute-form requests are forwarded, CONNECT opens a tunnel. `refuse` answers CONNECT with that status instead.
 */
async function startProxy(target: () => number, refuse: number | null = null): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const proxy = createServer((request: IncomingMessage, response) => {
    seen.push({ line: `${request.method} ${request.url}`, auth: request.headers['proxy-authorization'] });
    const forwarded = httpRequest(
      {
        host: '127.0.0.1',
        port: target(),
        path: new URL(request.url ?? '/').pathname,
        method: request.method,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(forwarded);
  });
  proxy.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push({ line: `${request.method} ${request.url}`, auth: request.headers['proxy-authorization'] });
    if (refuse !== null) {
      client.end(`HTTP/1.1 ${refuse} Proxy Authentication Required\r\n\r\n`);
      return;
    }
    const upstream = connect(target(), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { url: `http://me:secret@127.0.0.1:${await listen(proxy)}`, seen };
}

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const server of servers.splice(0)) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
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
    servers.splice(servers.indexOf(closed), 1);
    vi.stubEnv('https_proxy', `http://127.0.0.1:${port}`);
    vi.stubEnv('no_proxy', '');
    const check = await checkProvider('openai', { apiKey: 'key', baseUrl: 'https://api.example.test/v1' }, 2_000);
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(
      /^Could not reach https:\/\/api\.example\.test\/v1: Could not reach the proxy at 127\.0\.0\.1:\d+ \(connect ECONNREFUSED .*\)\. Check HTTPS_PROXY, HTTP_PROXY and NO_PROXY where the engine runs\.$/,
    );
  });
});
