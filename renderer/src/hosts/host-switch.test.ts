import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { serveEngine, type EngineServer } from '../../../engine/host/ws-server.js';
import { startHarness, type EngineHarness } from '../../../testing/engine/engine-harness.js';
import type { ThreadEvent } from '../../../shared/events.js';
import { LoopbackHosts } from '../../../testing/hosts/loopback-hosts.js';
import { createRootStore } from '../store/store.js';
import { createWebSocketClient, type SocketLike } from '../transport/ws-client.js';
import { hostSocketUrl } from './host-choice.js';

const harnesses: EngineHarness[] = [];
const servers: EngineServer[] = [];
const providers: LoopbackHosts[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) await provider.closeAll();
  for (const server of servers.splice(0)) await server.close();
  for (const harness of harnesses.splice(0)) await harness.dispose();
});

/** This machine's engine and a "remote" one behind a loopback host named box, and a store on this machine. */
async function twoMachines() {
  const [local, remote] = await Promise.all([startHarness(), startHarness({ repoName: 'remote-repo' })]);
  harnesses.push(local, remote);
  const remoteServer = await serveEngine({ engine: remote.engine, closeGraceMs: 200 });
  const hosts = new LoopbackHosts();
  hosts.add('box', { url: remoteServer.url, token: remoteServer.token });
  const server = await serveEngine({ engine: local.engine, hosts, closeGraceMs: 200 });
  servers.push(server, remoteServer);
  providers.push(hosts);
  const url = `ws://127.0.0.1:${server.port}/?token=${encodeURIComponent(server.token)}`;
  const store = createRootStore();
  store.getState().enableHosts(
    (host) =>
      createWebSocketClient({
        url: hostSocketUrl(url, host),
        openSocket: (address) => new WebSocket(address) as unknown as SocketLike,
        backoffMs: () => 50,
        eventCheck: 'full',
      }),
    null,
  );
  return { local, remote, hosts, store };
}

describe('switching the window between hosts', () => {
  it('shows the host’s tasks and thread after a switch, follows its link through a drop, and catches up on what happened meanwhile', async () => {
    const { local, remote, hosts, store } = await twoMachines();
    const here = await local.createTask('say done here', { agent: 'scripted' });
    const there = await remote.createTask('say done over there', { agent: 'scripted' });
    await Promise.all([local.waitFor(here.id, ['done']), remote.waitFor(there.id, ['done'])]);
    const open = store.getState().openHostClient!;
    store.getState().connect(open(null));
    await expect.poll(() => Object.keys(store.getState().tasks)).toEqual([here.id]);

    store.getState().switchHost('box', there.id);
    await expect.poll(() => Object.keys(store.getState().tasks)).toEqual([there.id]);
    expect(store.getState().activeHost).toBe('box');
    expect(store.getState().repos.map((repo) => repo.name)).toEqual(['remote-repo']);
    await expect.poll(() => store.getState().selectedTaskId).toBe(there.id);
    await expect.poll(() => store.getState().threads[there.id]?.status).not.toBe('loading');
    expect(store.getState().threads[there.id]?.error).toBe(null);
    const seen: ThreadEvent[] = [];
    store.getState().client!.subscribe((batch) => seen.push(...batch));

    await hosts.opened('box')!.drop();
    await expect.poll(() => store.getState().hostLinks.box?.state).toBe('reconnecting');
    await expect(store.getState().client!.call('task/list', {})).rejects.toThrow(
      'Reconnecting to box… try again in a moment.',
    );
    // Work on the host goes on while the window cannot see it.
    const meanwhile = await remote.createTask('say done while the link was down', { agent: 'scripted' });
    await remote.waitFor(meanwhile.id, ['done']);
    await remote.engine.call('task/rename', { taskId: there.id, title: 'Renamed while the link was down' });

    await hosts.opened('box')!.release();
    await expect.poll(() => store.getState().hostLinks.box?.state).toBe('connected');
    await expect.poll(() => store.getState().tasks[meanwhile.id]?.status).toBe('done');
    expect(store.getState().tasks[there.id]?.title).toBe('Renamed while the link was down');
    // The link replayed what the open thread missed, each event once and in order.
    const replayed = seen.filter((event) => event.taskId === there.id);
    expect(replayed.map((event) => event.type)).toEqual(['task.renamed']);
    const thread = (await remote.engine.call('task/events', { taskId: there.id })).events;
    expect(replayed[0]?.seq).toBe(thread.at(-1)?.seq);
    await expect.poll(() => store.getState().threads[there.id]?.status).toBe('ready');

    store.getState().switchHost(null);
    await expect.poll(() => Object.keys(store.getState().tasks)).toEqual([here.id]);
    expect(store.getState().activeHost).toBeNull();
  });
});
