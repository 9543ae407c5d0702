import { afterEach, describe, expect, it } from 'vitest';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import { loggedEngine } from '../../testing/hosts/logged-engine.js';
import { LoopbackHosts } from '../../testing/hosts/loopback-hosts.js';
import { connectEngine, type RemoteEngine } from './ws-client.js';
import { serveEngine, type EngineServer } from './ws-server.js';

describe('a server routing ?host= sockets to remote hosts', () => {
  const servers: EngineServer[] = [];
  const clients: RemoteEngine[] = [];
  const providers: LoopbackHosts[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    for (const provider of providers.splice(0)) await provider.closeAll();
    for (const server of servers.splice(0)) await server.close();
  });

  async function start() {
    const remote = loggedEngine('remote');
    const remoteServer = await serveEngine({ engine: remote.engine, closeGraceMs: 200 });
    const local = loggedEngine('local');
    const hosts = new LoopbackHosts();
    hosts.add('box', { url: remoteServer.url, token: remoteServer.token });
    const server = await serveEngine({ engine: local.engine, hosts, closeGraceMs: 200 });
    servers.push(server, remoteServer);
    providers.push(hosts);
    const connect = async (host?: string) => {
      const client = await connectEngine({
        url: host ? `${server.url}/?host=${host}` : server.url,
        token: server.token,
      });
      clients.push(client);
      const events: ThreadEvent[] = [];
      const states: string[] = [];
      client.subscribe((event) => events.push(event));
      client.onChange((change: EngineChange) => (change.type === 'host.state' ? states.push(change.state) : undefined));
      return { client, events, states };
    };
    return { remote, local, hosts, connect };
  }

  it('answers a host socket from the host and streams the host’s events to it only', async () => {
    const { remote, hosts, connect } = await start();
    const onHost = await connect('box');
    const onLocal = await connect();
    await expect.poll(() => onHost.states.at(-1)).toBe('connected');
    expect(await onHost.client.call('engine/info', {})).toEqual({ engineVersion: 'remote' });
    expect(await onLocal.client.call('engine/info', {})).toEqual({ engineVersion: 'local' });
    // hosts.json is this machine's: host commands on a host's socket still answer for this machine.
    await expect(onHost.client.call('host/list', {})).rejects.toThrow('local does not answer host/list');

    remote.emit('t1', 'from the remote agent');
    await expect.poll(() => onHost.events.map((event) => event.seq)).toEqual([1]);
    expect(onLocal.events).toEqual([]);
    expect(hosts.opened('box')?.state).toBe('connected');
  });

  it('refuses an unknown host, and any host when it reaches none, saying what to do', async () => {
    const { connect } = await start();
    await expect(connect('nope')).rejects.toThrow(/No host named "nope" \(hosts: box\)\. Add it first/);
    await expect(connect('bad name')).rejects.toThrow(/is not a host name/);
    const plain = await serveEngine({ engine: loggedEngine('plain').engine, closeGraceMs: 200 });
    servers.push(plain);
    await expect(connectEngine({ url: `${plain.url}/?host=box`, token: plain.token })).rejects.toThrow(
      /reaches no remote hosts/,
    );
  });

  it('keeps a host socket open through a drop, refuses calls meanwhile, and resumes with no event lost or repeated', async () => {
    const { remote, hosts, connect } = await start();
    const onHost = await connect('box');
    const onLocal = await connect();
    await expect.poll(() => onHost.states.at(-1)).toBe('connected');
    remote.emit('t1', 'one');
    remote.emit('t1', 'two');
    await expect.poll(() => onHost.events.length).toBe(2);

    const link = hosts.opened('box')!;
    await link.drop();
    await expect.poll(() => onHost.states.at(-1)).toBe('reconnecting');
    // The window's switcher, on this machine's socket, sees the dot change too.
    await expect.poll(() => onLocal.states.at(-1)).toBe('reconnecting');
    await expect(onHost.client.call('engine/info', {})).rejects.toThrow('Reconnecting to box… try again in a moment.');
    remote.emit('t1', 'three, while the link was down');
    remote.emit('t1', 'four, while the link was down');

    await link.release();
    remote.emit('t1', 'five');
    await expect.poll(() => onHost.events.length).toBe(5);
    expect(onHost.events.map((event) => (event.type === 'notice' ? event.message : event.type))).toEqual([
      'one',
      'two',
      'three, while the link was down',
      'four, while the link was down',
      'five',
    ]);
    expect(onHost.states.at(-1)).toBe('connected');
    expect(await onHost.client.call('engine/info', {})).toEqual({ engineVersion: 'remote' });
  });
});
