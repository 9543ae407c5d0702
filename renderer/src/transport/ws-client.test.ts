import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { serveEngine, type EngineServer } from '../../../engine/host/ws-server.js';
import { startHarness, type EngineHarness } from '../../../testing/engine/engine-harness.js';
import type { ThreadEvent } from '../../../shared/events.js';
import { createRootStore } from '../store/store.js';
import { ClientError } from './client-error.js';
import type { ConnectionState, EngineClient } from './engine-client.js';
import { tokenProbe } from './pick-client.js';
import type { EventCheck } from './server-message.js';
import { createWebSocketClient, type SocketLike } from './ws-client.js';

let harness: EngineHarness | null = null;
const servers: EngineServer[] = [];
const clients: EngineClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close?.();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await harness?.dispose();
  harness = null;
});

async function serve(options: { port?: number; token?: string } = {}): Promise<EngineServer> {
  if (!harness) throw new Error('start the harness first');
  const server = await serveEngine({ engine: harness.engine, closeGraceMs: 200, ...options });
  servers.push(server);
  return server;
}

function connect(server: { port: number; url: string }, token: string, eventCheck: EventCheck = 'full'): EngineClient {
  const client = createWebSocketClient({
    eventCheck,
    url: `ws://127.0.0.1:${server.port}/?token=${encodeURIComponent(token)}`,
    openSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    probe: tokenProbe(server.url, token),
    backoffMs: () => 50,
  });
  clients.push(client);
  return client;
}

async function until<T>(read: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function stateOf(client: EngineClient): () => ConnectionState {
  let state: ConnectionState = 'connecting';
  client.onConnection((next) => (state = next));
  return () => state;
}

describe('WebSocket transport against a real engine server', () => {
  it('round-trips calls, reports engine errors with their code, and streams events in batches (with the production event check)', async () => {
    harness = await startHarness();
    const server = await serve();
    const client = connect(server, server.token, 'envelope');
    const state = stateOf(client);
    await until(() => state() === 'open', 'the connection');

    const { repos } = await client.call('repo/list', {});
    expect(repos.map((repo) => repo.id)).toEqual([harness.repoId]);
    const missing = await client.call('task/get', { taskId: 'no-such-task' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ClientError);
    expect(missing).toMatchObject({ code: 'notFound' });

    const batches: (readonly ThreadEvent[])[] = [];
    client.subscribe((events) => batches.push(events));
    const { tasks } = await client.call('task/create', {
      repoId: harness.repoId,
      prompt: 'say hello from the agent\nwrite hi.txt hi',
      agent: 'scripted',
    });
    const taskId = tasks[0]?.id ?? '';
    await until(
      () =>
        batches
          .flat()
          .some((event) => event.taskId === taskId && event.type === 'status.changed' && event.status === 'done'),
      'the task to finish',
    );
    const events = batches.flat().filter((event) => event.taskId === taskId);
    expect(events.map((event) => event.seq)).toEqual([...events.map((event) => event.seq)].sort((a, b) => a - b));
    expect(events.some((event) => event.type === 'agent.text')).toBe(true);
    expect(batches.length).toBeLessThan(batches.flat().length);
  });

  it('reports a refused token as unauthorized and stops retrying', async () => {
    harness = await startHarness();
    const server = await serve();
    const client = connect(server, 'not-the-token');
    const state = stateOf(client);
    await until(() => state() === 'unauthorized', 'the refusal');
    await expect(client.call('repo/list', {})).rejects.toMatchObject({ code: 'engineUnavailable' });
  });

  it('reconnects after the server restarts, and the store refetches what it missed', async () => {
    harness = await startHarness();
    const first = await serve();
    const client = connect(first, first.token);
    const state = stateOf(client);
    const store = createRootStore();
    store.getState().connect(client);
    await until(() => store.getState().tasksLoaded && store.getState().reposLoaded, 'the first load');
    expect(Object.keys(store.getState().tasks)).toEqual([]);

    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await until(() => state() === 'connecting', 'the drop');
    await expect(client.call('repo/list', {})).rejects.toMatchObject({ code: 'engineUnavailable' });
    // Work done while the page was away.
    const missed = await harness.createTask('say done while you were away', { agent: 'scripted' });
    await harness.waitFor(missed.id, ['done']);

    await serve({ port: first.port, token: first.token });
    await until(() => state() === 'open', 'the reconnect');
    const task = await until(() => store.getState().tasks[missed.id], 'the missed task in the store');
    expect(task.status).toBe('done');
    const { repos } = await client.call('repo/list', {});
    expect(repos).toHaveLength(1);
  });
});
