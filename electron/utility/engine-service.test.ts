import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../../shared/events.js';
import type { Task } from '../../shared/task.js';
import { readHomeLock } from '../../engine/host/home-lock.js';
import { connectEngine } from '../../engine/host/ws-client.js';
import { createTempRepo, makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import type { EngineChange } from '../../shared/engine-events.js';
import { serveEngine } from '../../engine/host/ws-server.js';
import { loggedEngine } from '../../testing/hosts/logged-engine.js';
import { LoopbackHosts } from '../../testing/hosts/loopback-hosts.js';
import { changeFromFrame, eventFromFrame, type FromEngine } from '../common/engine-protocol.js';
import { runEngineService, type EngineService } from './engine-service.js';
import { checkCommand } from '../common/ipc-gate.js';
import { fakeParentPort } from '../../testing/electron/message-ports.js';

const temps: string[] = [];
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
  for (const dir of temps.splice(0)) removeTemp(dir);
});

const is =
  <T extends FromEngine['type']>(type: T) =>
  (message: FromEngine): message is Extract<FromEngine, { type: T }> =>
    message.type === type;

async function startService(keys: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  const home = makeTempDir('flotilla-desktop-home-');
  temps.push(home);
  const { parent, main } = fakeParentPort();
  let service: EngineService | null = runEngineService({ parent, home, env });
  main.send({ type: 'init', keys });
  const ready = await main.waitFor(is('ready'));
  cleanup = async () => {
    if (service) {
      main.send({ type: 'shutdown' });
      await service.closed;
      service = null;
    }
    main.close();
  };
  return { home, env, main, ready, service: service! };
}

describe('the engine process’s service', () => {
  it('opens the engine on the home and shares it with the CLI over loopback', async () => {
    const { home, main, ready } = await startService();
    expect(ready).toMatchObject({ type: 'ready', kind: 'local', home });
    const lock = await readHomeLock(home);
    expect(lock?.endpoint?.url).toBe(ready.serverUrl);
    // A CLI on the same home talks to this engine rather than opening a second one.
    const cli = await connectEngine({ url: lock!.endpoint!.url, token: lock!.endpoint!.token });
    const info = await main.call('engine/info', {});
    expect(info).toMatchObject({ type: 'result', result: { home } });
    expect(await cli.call('engine/info', {})).toMatchObject({ home });
    await cli.close();
  });

  it('answers calls by id, with the engine’s error data for bad input (the same message main gives)', async () => {
    const { main } = await startService();
    const repo = createTempRepo();
    temps.push(join(repo.path, '..'));
    const added = await main.call('repo/add', { path: repo.path });
    expect(added).toMatchObject({ type: 'result', result: { repo: { path: repo.path }, alreadyAdded: false } });
    const bad = await main.call('task/create', { repoId: 'x', prompt: ' ' });
    const gate = checkCommand('task/create', { repoId: 'x', prompt: ' ' });
    expect(bad.type).toBe('error');
    expect(gate.ok).toBe(false);
    if (bad.type === 'error' && !gate.ok) expect(bad.error).toEqual(gate.error);
    expect(await main.call('repo/nuke', {})).toMatchObject({ type: 'error', error: { code: 'invalidInput' } });
  });

  it('streams every thread event to attached ports and forwards only notable ones to main', async () => {
    const { main } = await startService();
    const repo = createTempRepo();
    temps.push(join(repo.path, '..'));
    const { port1, port2 } = new MessageChannel();
    const events: ThreadEvent[] = [];
    port2.on('message', (frame: unknown) => {
      const event = eventFromFrame(frame);
      if (event) events.push(event);
    });
    main.send({ type: 'attachEvents' }, port1);
    const added = await main.call('repo/add', { path: repo.path });
    const repoId = (added as { result: { repo: { id: string } } }).result.repo.id;
    const created = await main.call('task/create', { repoId, prompt: 'write notes.txt hello' });
    const task = (created as { result: { tasks: Task[] } }).result.tasks[0]!;
    const notified = await main.waitFor(
      (message): message is Extract<FromEngine, { type: 'notify' }> =>
        message.type === 'notify' && message.event.type === 'status.changed',
    );
    expect(notified.event).toMatchObject({ taskId: task.id, type: 'status.changed', status: 'done' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const types = events.filter((event) => event.taskId === task.id).map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'task.created',
        'phase.changed',
        'turn.started',
        'tool.started',
        'checkpoint',
        'turn.ended',
        'status.changed',
      ]),
    );
    // Only the notable event went to main; the stream of the rest did not.
    expect(main.received.filter(is('notify'))).toHaveLength(1);
    port2.close();
  });

  it('holds provider keys in memory only: the engine uses them, secrets.json never holds them', async () => {
    // The engine reads keys from its process environment, so this test lends it process.env.
    const names = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'OPENAI_COMPATIBLE_API_KEY'];
    const saved = names.map((name) => [name, process.env[name]] as const);
    for (const name of names) delete process.env[name];
    process.env.OPENAI_API_KEY = 'from-the-shell';
    try {
      const { home, main } = await startService({ anthropic: 'sk-ant-from-keychain' }, process.env);
      const providers = async () =>
        ((await main.call('provider/list', {})) as { result: { providers: Record<string, { hasApiKey: boolean }> } })
          .result.providers;
      expect(await providers()).toMatchObject({
        anthropic: { hasApiKey: true },
        openai: { hasApiKey: true },
        compatible: { hasApiKey: false },
      });
      main.send({ type: 'setKey', id: 900, provider: 'compatible', apiKey: 'sk-local' });
      expect(
        await main.waitFor((m): m is Extract<FromEngine, { type: 'result' }> => m.type === 'result' && m.id === 900),
      ).toMatchObject({ result: {} });
      expect(await providers()).toMatchObject({ compatible: { hasApiKey: true } });
      main.send({ type: 'setKey', id: 901, provider: 'anthropic', apiKey: null });
      main.send({ type: 'setKey', id: 902, provider: 'openai', apiKey: null });
      await main.waitFor((m): m is Extract<FromEngine, { type: 'result' }> => m.type === 'result' && m.id === 902);
      // Forgetting the app's key falls back to what the user's environment had.
      expect(await providers()).toMatchObject({ anthropic: { hasApiKey: false }, openai: { hasApiKey: true } });
      expect(process.env.OPENAI_API_KEY).toBe('from-the-shell');
      await main.call('provider/update', {
        provider: 'compatible',
        settings: { apiKey: null, baseUrl: 'http://localhost:11434/v1' },
      });
      const secrets = join(home, 'secrets.json');
      expect(existsSync(secrets)).toBe(true);
      expect(readFileSync(secrets, 'utf8')).not.toContain('sk-');
      await cleanup?.();
      cleanup = null;
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('on shutdown closes the engine, frees the home and says closed', async () => {
    const { home, main, service } = await startService();
    const { port1, port2 } = new MessageChannel();
    main.send({ type: 'attachEvents' }, port1);
    const portClosed = new Promise((resolve) => port2.once('close', resolve));
    main.send({ type: 'shutdown' });
    await main.waitFor(is('closed'));
    await service.closed;
    await portClosed;
    expect(await readHomeLock(home)).toBeNull();
    expect(await main.call('repo/list', {})).toMatchObject({ type: 'error', error: { code: 'engineUnavailable' } });
    cleanup = async () => main.close();
  });

  it('reports a start failure instead of crashing', async () => {
    const home = makeTempDir('flotilla-desktop-home-');
    temps.push(home);
    const { parent, main } = fakeParentPort();
    runEngineService({ parent, home, env: {}, open: async () => Promise.reject(new Error('disk on fire')) });
    main.send({ type: 'init', keys: {} });
    expect(await main.waitFor(is('startFailed'))).toEqual({
      type: 'startFailed',
      error: { code: 'internal', message: 'disk on fire' },
    });
    expect(await main.call('repo/list', {})).toMatchObject({ type: 'error', error: { message: 'disk on fire' } });
    main.close();
  });

  it('routes a host’s calls and events to that host, answers host/* itself, and tells every port the link state', async () => {
    const remote = loggedEngine('remote');
    const remoteServer = await serveEngine({ engine: remote.engine, closeGraceMs: 200 });
    const local = loggedEngine('local');
    const hosts = new LoopbackHosts();
    hosts.add('box', { url: remoteServer.url, token: remoteServer.token });
    const { parent, main } = fakeParentPort();
    const service = runEngineService({
      parent,
      home: 'unused',
      env: {},
      share: false,
      hosts,
      open: async () => ({ api: local.engine, kind: 'local' }),
    });
    cleanup = async () => {
      main.send({ type: 'shutdown' });
      await service.closed;
      main.close();
      await hosts.closeAll();
      await remoteServer.close();
    };
    main.send({ type: 'init', keys: {} });
    await main.waitFor(is('ready'));
    const listen = (host?: string) => {
      const { port1, port2 } = new MessageChannel();
      const events: ThreadEvent[] = [];
      const states: string[] = [];
      port2.on('message', (frame: unknown) => {
        const event = eventFromFrame(frame);
        if (event) events.push(event);
        const change: EngineChange | null = changeFromFrame(frame);
        if (change?.type === 'host.state') states.push(`${change.name}:${change.state}`);
      });
      main.send(host ? { type: 'attachEvents', host } : { type: 'attachEvents' }, port1);
      return { events, states, close: () => port2.close() };
    };
    const onLocal = listen();
    const onHost = listen('box');
    await expect.poll(() => onHost.states.at(-1)).toBe('box:connected');
    // The window's own port hears the link's state changes too (the sidebar's host list shows them).
    await expect.poll(() => onLocal.states).toContain('box:connected');

    let id = 700;
    const callOn = async (host: string, method: string) => {
      const sent = ++id;
      main.send({ type: 'call', id: sent, method, params: {}, host });
      return main.waitFor(
        (m): m is Extract<FromEngine, { type: 'result' | 'error' }> =>
          (m.type === 'result' || m.type === 'error') && m.id === sent,
      );
    };
    expect(await callOn('box', 'engine/info')).toMatchObject({ type: 'result', result: { engineVersion: 'remote' } });
    // hosts.json is this machine's: a host/* command on a host is answered by the local engine.
    expect(await callOn('box', 'host/list')).toMatchObject({
      type: 'error',
      error: { message: 'local does not answer host/list in this test.' },
    });
    expect(await main.call('engine/info', {})).toMatchObject({ type: 'result', result: { engineVersion: 'local' } });

    remote.emit('t1', 'from the remote agent');
    await expect.poll(() => onHost.events.map((event) => event.seq)).toEqual([1]);
    expect(onLocal.events).toEqual([]);
    local.emit('t2', 'from this machine');
    await expect.poll(() => onLocal.events.map((event) => event.taskId)).toEqual(['t2']);
    expect(onHost.events.map((event) => event.taskId)).toEqual(['t1']);
    onLocal.close();
    onHost.close();
  });

  it('says a host it cannot open is unknown, on the host’s port and to its calls', async () => {
    const local = loggedEngine('local');
    const { parent, main } = fakeParentPort();
    const service = runEngineService({
      parent,
      home: 'unused',
      env: {},
      share: false,
      hosts: new LoopbackHosts(),
      open: async () => ({ api: local.engine, kind: 'local' }),
    });
    cleanup = async () => {
      main.send({ type: 'shutdown' });
      await service.closed;
      main.close();
    };
    main.send({ type: 'init', keys: {} });
    await main.waitFor(is('ready'));
    const { port1, port2 } = new MessageChannel();
    const changes: EngineChange[] = [];
    port2.on('message', (frame: unknown) => {
      const change = changeFromFrame(frame);
      if (change) changes.push(change);
    });
    main.send({ type: 'attachEvents', host: 'nowhere' }, port1);
    await expect.poll(() => changes).toContainEqual(expect.objectContaining({ name: 'nowhere', state: 'failed' }));
    main.send({ type: 'call', id: 800, method: 'task/list', params: {}, host: 'nowhere' });
    const reply = await main.waitFor(
      (m): m is Extract<FromEngine, { type: 'error' }> => m.type === 'error' && m.id === 800,
    );
    expect(reply.error.message).toContain('No host named nowhere');
    port2.close();
  });

  it('with the engine of another process, opens host links itself from the home’s hosts.json', async () => {
    const home = makeTempDir('flotilla-desktop-home-');
    temps.push(home);
    const served = loggedEngine('flotilla serve');
    const { parent, main } = fakeParentPort();
    const service = runEngineService({
      parent,
      home,
      env: {},
      open: async () => ({ api: served.engine, kind: 'remote' }),
    });
    cleanup = async () => {
      main.send({ type: 'shutdown' });
      await service.closed;
      main.close();
    };
    main.send({ type: 'init', keys: {} });
    expect(await main.waitFor(is('ready'))).toMatchObject({ kind: 'remote' });
    main.send({ type: 'call', id: 900, method: 'task/list', params: {}, host: 'box' });
    const reply = await main.waitFor(
      (m): m is Extract<FromEngine, { type: 'error' }> => m.type === 'error' && m.id === 900,
    );
    expect(reply.error.message).toContain('No host "box". No hosts are added.');
  });
});
