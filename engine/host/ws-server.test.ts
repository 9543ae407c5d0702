import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CommandName } from '../../shared/commands.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { EngineApi } from '../engine-api.js';
import { EngineError } from '../errors.js';
import { makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { connectEngine, type RemoteEngine } from './ws-client.js';
import { serveEngine, type EngineServer } from './ws-server.js';

/** A stand-in engine: answers a few commands and lets the test emit events. */
function fakeEngine() {
  const listeners = new Set<(event: ThreadEvent) => void>();
  const engine: EngineApi = {
    async call(method: CommandName, params: unknown) {
      if (method === 'repo/list') return { repos: [] } as never;
      if (method === 'task/get')
        throw new EngineError('notFound', `No task ${(params as { taskId: string }).taskId}.`, {
          taskId: (params as { taskId: string }).taskId,
        });
      if (method === 'task/merge') return new Promise(() => undefined);
      throw new Error('boom');
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onChange() {
      return () => undefined;
    },
    async close() {},
  };
  const emit = (event: ThreadEvent) => listeners.forEach((listener) => listener(event));
  return { engine, emit, listeners };
}

const notice: ThreadEvent = {
  type: 'notice',
  taskId: 't1',
  seq: 3,
  at: '2024-01-01T00:00:00.000Z',
  level: 'info',
  message: 'hello',
};

/** Opens a raw WebSocket and reports either 'open' or the HTTP status it was refused with. */
function tryUpgrade(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace('http:', 'ws:'), { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(0));
  });
}

describe('engine server and client', () => {
  const servers: EngineServer[] = [];
  const clients: RemoteEngine[] = [];
  const temps: string[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    for (const server of servers.splice(0)) await server.close();
    for (const temp of temps.splice(0)) removeTemp(temp);
  });

  async function start(staticDir?: string) {
    const fake = fakeEngine();
    const server = await serveEngine({ engine: fake.engine, staticDir, closeGraceMs: 200 });
    servers.push(server);
    return { ...fake, server };
  }

  it('refuses HTTP requests without the right token', async () => {
    const { server } = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await fetch(`${server.url}/`)).status).toBe(401);
    expect((await fetch(`${server.url}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${server.url}/`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${server.url}/anything`)).status).toBe(401);
    // A person who opened an old link learns where the right address comes from; the page runs nothing.
    const refused = await fetch(`${server.url}/?token=wrong`);
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await refused.text();
    expect(html).toContain('<code>flotilla serve</code> printed');
    expect(html).toContain(`${server.url}/?token=…`);
    expect(html).not.toMatch(/<script|<style|style=/i);
    const page = await fetch(`${server.url}/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('renderer is not built');
    expect((await fetch(`${server.url}/`, { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(200);
  });

  it('refuses WebSocket upgrades without the right token or from a foreign origin', async () => {
    const { server } = await start();
    expect(await tryUpgrade(server.url)).toBe(401);
    expect(await tryUpgrade(`${server.url}/?token=nope`)).toBe(401);
    expect(await tryUpgrade(server.url, { authorization: 'Bearer nope' })).toBe(401);
    expect(await tryUpgrade(`${server.url}/?token=${server.token}`, { origin: 'http://evil.example' })).toBe(403);
    expect(
      await tryUpgrade(`${server.url}/?token=${server.token}`, { origin: `http://localhost:${server.port + 1}` }),
    ).toBe(403);
    expect(
      await tryUpgrade(`${server.url}/?token=${server.token}`, { origin: `http://localhost:${server.port}` }),
    ).toBe('open');
    expect(await tryUpgrade(server.url, { authorization: `Bearer ${server.token}` })).toBe('open');
  });

  it('round-trips calls and pushes engine events to clients', async () => {
    const { server, emit } = await start();
    const client = await connectEngine({ url: server.url, token: server.token });
    clients.push(client);
    expect(await client.call('repo/list', {})).toEqual({ repos: [] });
    const received: ThreadEvent[] = [];
    client.subscribe((event) => received.push(event));
    emit(notice);
    await expect.poll(() => received).toEqual([notice]);
  });

  it('rethrows engine errors with their code, message and details', async () => {
    const { server } = await start();
    const client = await connectEngine({ url: server.url, token: server.token });
    clients.push(client);
    const error = await client.call('task/get', { taskId: 'abc' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'notFound', message: 'No task abc.', details: { taskId: 'abc' } });
    await expect(client.call('task/stop', { taskId: 'x' })).rejects.toMatchObject({
      code: 'internal',
      message: 'boom',
    });
  });

  it('answers unknown methods and malformed messages with errors', async () => {
    const { server } = await start();
    const ws = new WebSocket(server.url.replace('http:', 'ws:'), {
      headers: { authorization: `Bearer ${server.token}` },
    });
    const replies: unknown[] = [];
    ws.on('message', (data) => replies.push(JSON.parse(data.toString())));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ id: 7, method: 'task/explode', params: {} }));
    ws.send('{not json');
    await expect.poll(() => replies.length).toBe(2);
    ws.close();
    expect(replies[0]).toMatchObject({ id: 7, error: { code: 'invalidInput' } });
    expect((replies[0] as { error: { message: string } }).error.message).toMatch(/task\/explode.*repo\/list/);
    expect(replies[1]).toMatchObject({ id: 0, error: { code: 'invalidInput' } });
  });

  it('fails clearly when the token is wrong or nothing listens', async () => {
    const { server } = await start();
    await expect(connectEngine({ url: server.url, token: 'wrong' })).rejects.toMatchObject({ code: 'unauthorized' });
    const port = server.port;
    await servers.pop()!.close();
    await expect(connectEngine({ url: `http://127.0.0.1:${port}`, token: server.token })).rejects.toMatchObject({
      code: 'engineUnavailable',
    });
  });

  it('fails pending calls when the server goes away and times out slow calls', async () => {
    const { server } = await start();
    const client = await connectEngine({ url: server.url, token: server.token, callTimeoutMs: 200 });
    clients.push(client);
    await expect(client.call('task/merge', { taskId: 'a' })).rejects.toMatchObject({
      code: 'engineUnavailable',
      message: /did not answer task\/merge/,
    });
    const slow = await connectEngine({ url: server.url, token: server.token });
    clients.push(slow);
    const pending = expect(slow.call('task/merge', { taskId: 'a' })).rejects.toMatchObject({
      code: 'engineUnavailable',
    });
    await servers.pop()!.close();
    await pending;
    await slow.closed;
  });

  it('serves the renderer build only with the token and never outside its folder', async () => {
    const dir = makeTempDir();
    temps.push(dir);
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<h1>Flotilla</h1>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, '..', 'secret.txt'), 'nope');
    temps.push(join(dir, '..', 'secret.txt'));
    const { server } = await start(dir);
    expect((await fetch(`${server.url}/assets/app.js`)).status).toBe(401);
    const page = await fetch(`${server.url}/?token=${server.token}`);
    expect(await page.text()).toBe('<h1>Flotilla</h1>');
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const asset = await fetch(`${server.url}/assets/app.js`, { headers: { cookie } });
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(await asset.text()).toBe('console.log(1)');
    expect((await fetch(`${server.url}/..%2fsecret.txt`, { headers: { cookie } })).status).toBe(404);
  });

  it('lets running calls answer before closing', async () => {
    const fake = fakeEngine();
    let finish: ((value: unknown) => void) | null = null;
    fake.engine.call = (() => new Promise((resolve) => (finish = resolve))) as never;
    const server = await serveEngine({ engine: fake.engine });
    const client = await connectEngine({ url: server.url, token: server.token });
    clients.push(client);
    const pending = client.call('task/stop', { taskId: 'a' });
    await expect.poll(() => finish).not.toBeNull();
    const closing = server.close();
    setTimeout(() => finish!({ task: 'stopped' }), 100);
    await expect(pending).resolves.toEqual({ task: 'stopped' });
    await closing;
    await client.closed;
  });

  it('keeps serving when the engine emits faster than a client reads', async () => {
    const { server, emit } = await start();
    const client = await connectEngine({ url: server.url, token: server.token });
    clients.push(client);
    let count = 0;
    client.subscribe(() => count++);
    const big = { ...notice, message: 'x'.repeat(64 * 1024) };
    for (let index = 0; index < 200; index++) emit({ ...big, seq: index });
    await expect.poll(() => count, { timeout: 10_000 }).toBe(200);
    expect(await client.call('repo/list', {})).toEqual({ repos: [] });
  });
});
