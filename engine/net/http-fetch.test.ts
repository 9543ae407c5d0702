import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch } from './http-fetch.js';

let server: Server | null = null;

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The test server has no port.');
  return `http://127.0.0.1:${address.port}`;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

describe('httpFetch', () => {
  it('sends the method, headers and body, and answers with status, headers and a streamed body', async () => {
    const url = await serve(async (request, response) => {
      const sent = await bodyOf(request);
      response.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      response.end(JSON.stringify({ method: request.method, auth: request.headers.authorization, sent }));
    });
    const response = await httpFetch(`${url}/v1/things`, {
      method: 'post',
      headers: { authorization: 'Bearer key', 'content-type': 'application/json' },
      body: '{"name":"ünïcode"}',
    });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${url}/v1/things`);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ method: 'POST', auth: 'Bearer key', sent: '{"name":"ünïcode"}' });
  });

  it("sends every kind of body itself, typed as Node's fetch types it: search params, a blob, a stream, a form, a Request", async () => {
    const seen: string[] = [];
    const url = await serve(async (request, response) => {
      seen.push(`${request.method} ${request.headers['content-type'] ?? '-'} ${await bodyOf(request)}`);
      response.writeHead(200).end();
    });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed '));
        controller.enqueue(new TextEncoder().encode('in parts'));
        controller.close();
      },
    });
    const form = new FormData();
    form.append('field', 'value');
    const bodies: RequestInit[] = [
      { body: new URLSearchParams({ grant_type: 'authorization_code', code: 'a b' }) },
      { body: new Blob(['{"blob":1}'], { type: 'application/json' }) },
      { body: stream, duplex: 'half' } as RequestInit,
      {
        body: (async function* () {
          yield new TextEncoder().encode('generated');
        })() as unknown as BodyInit,
      },
      { body: 'plain text' },
      { body: 'typed text', headers: { 'Content-Type': 'text/x-mine' } },
    ];
    for (const init of bodies) await httpFetch(url, { method: 'POST', ...init });
    await httpFetch(new Request(`${url}/from-request`, { method: 'PUT', body: 'from a Request' }));
    await httpFetch(url, { method: 'POST', body: form });
    expect(seen.slice(0, 7)).toEqual([
      'POST application/x-www-form-urlencoded;charset=UTF-8 grant_type=authorization_code&code=a+b',
      'POST application/json {"blob":1}',
      'POST - streamed in parts',
      'POST - generated',
      'POST text/plain;charset=UTF-8 plain text',
      'POST text/x-mine typed text',
      'PUT text/plain;charset=UTF-8 from a Request',
    ]);
    expect(seen[7]).toMatch(/^POST multipart\/form-data; boundary=\S+ .*name="field"\r\n\r\nvalue\r\n/s);
  });

  it('streams the body as it arrives', async () => {
    let release: () => void = () => undefined;
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      release = () => response.end('data: second\n\n');
    });
    const response = await httpFetch(url);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: first\n\n');
    release();
    const rest = await reader.read();
    expect(new TextDecoder().decode(rest.value)).toBe('data: second\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('follows redirects as fetch does: 307 keeps the POST and its body, 303 continues as a GET', async () => {
    const seen: string[] = [];
    const url = await serve(async (request, response) => {
      const sent = await bodyOf(request);
      seen.push(`${request.method} ${request.url} ${sent}`);
      if (request.url === '/start') response.writeHead(307, { location: '/kept' }).end();
      else if (request.url === '/kept') response.writeHead(303, { location: '/final' }).end();
      else response.writeHead(200).end('done');
    });
    const response = await httpFetch(`${url}/start`, { method: 'POST', body: 'payload' });
    expect(await response.text()).toBe('done');
    expect(response.url).toBe(`${url}/final`);
    expect(seen).toEqual(['POST /start payload', 'POST /kept payload', 'GET /final ']);
  });

  it('answers a manual redirect as it came, for the caller to follow (the MCP SDK does)', async () => {
    const seen: string[] = [];
    const url = await serve((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      response.writeHead(302, { location: '/elsewhere' }).end();
    });
    const response = await httpFetch(`${url}/mcp`, { method: 'POST', body: '{}', redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
    expect(seen).toEqual(['POST /mcp']);
  });

  it('answers a 204 with no body, and decodes a body a proxy compressed anyway', async () => {
    const url = await serve((request, response) => {
      if (request.url === '/empty') response.writeHead(204).end();
      else response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('unpacked'));
    });
    const empty = await httpFetch(`${url}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    expect(await (await httpFetch(`${url}/packed`)).text()).toBe('unpacked');
  });

  it('rejects with the socket error code when nothing listens, and with an AbortError when aborted', async () => {
    const url = await serve(() => undefined);
    const port = Number(new URL(url).port);
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = null;
    await expect(httpFetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const hanging = await serve(() => undefined);
    const controller = new AbortController();
    const pending = httpFetch(hanging, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
