import { describe, expect, it, vi } from 'vitest';
import { commands } from '../../shared/commands.js';
import { desktopCommands, type BridgeConnectionState, type MenuCommand } from '../../shared/bridge.js';
import type { ThreadEvent } from '../../shared/events.js';
import { buildBridge, type BridgeTransport, type IpcReply } from './bridge-builder.js';
import { listenerSet } from './listener-set.js';

function fakeTransport(reply: (channel: string, params: unknown) => IpcReply) {
  const events = listenerSet<ThreadEvent>();
  const openTask = listenerSet<{ taskId: string }>();
  const menu = listenerSet<MenuCommand>();
  const connection = listenerSet<BridgeConnectionState>();
  const calls: unknown[][] = [];
  const hostEvents = new Map<string, ReturnType<typeof listenerSet<ThreadEvent>>>();
  const transport: BridgeTransport = {
    async invoke(channel, params, host) {
      calls.push(host === undefined ? [channel, params] : [channel, params, host]);
      return reply(channel, params);
    },
    onEvent: events.add,
    onChange: () => () => undefined,
    onOpenTask: openTask.add,
    onMenuCommand: menu.add,
    onConnection: connection.add,
    hostEvents(host) {
      const set = hostEvents.get(host) ?? listenerSet<ThreadEvent>();
      hostEvents.set(host, set);
      return { onEvent: set.add, onChange: () => () => undefined };
    },
  };
  return { transport, calls, events, openTask, menu, connection, hostEvents };
}

const subscriptions = ['onEvent', 'onChange', 'onOpenTask', 'onMenuCommand', 'onConnection', 'openHost'];

describe('window.flotilla', () => {
  it('has exactly one function per command and desktop action, plus the subscriptions', () => {
    const bridge = buildBridge(fakeTransport(() => ({ ok: true, result: {} })).transport) as unknown as Record<
      string,
      unknown
    >;
    const names = Object.keys(bridge);
    expect(names.filter((name) => name in commands).sort()).toEqual(Object.keys(commands).sort());
    expect(names.filter((name) => name in desktopCommands).sort()).toEqual(Object.keys(desktopCommands).sort());
    expect(names.sort()).toEqual([...Object.keys(commands), ...Object.keys(desktopCommands), ...subscriptions].sort());
    for (const name of names) expect(typeof bridge[name], name).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(names).not.toContain('invoke');
  });

  it('sends each command on its own cmd: channel and resolves with the engine result', async () => {
    const fake = fakeTransport((channel) => ({ ok: true, result: { channel } }));
    const bridge = buildBridge(fake.transport);
    await expect(bridge['repo/list']({})).resolves.toEqual({ channel: 'cmd:repo/list' });
    await bridge['task/get']({ taskId: 't1' });
    await bridge['shell/openPath']({ path: '/w' });
    expect(fake.calls).toEqual([
      ['cmd:repo/list', {}],
      ['cmd:task/get', { taskId: 't1' }],
      ['cmd:shell/openPath', { path: '/w' }],
    ]);
  });

  it('rejects with plain error data so the code survives the context bridge', async () => {
    const bridge = buildBridge(
      fakeTransport(() => ({ ok: false, error: { code: 'baseMoved', message: 'main moved; preview again.' } }))
        .transport,
    );
    const failure = await bridge['task/merge']({ taskId: 't1' }).catch((error: unknown) => error);
    expect(failure).toEqual({ code: 'baseMoved', message: 'main moved; preview again.' });
    expect(failure).not.toBeInstanceOf(Error);
  });

  it('delivers events, open-task requests, menu commands and connection states to listeners until they unsubscribe', () => {
    const fake = fakeTransport(() => ({ ok: true, result: {} }));
    const bridge = buildBridge(fake.transport);
    const seen: unknown[] = [];
    const stops = [
      bridge.onEvent((event) => seen.push(event.type)),
      bridge.onOpenTask((request) => seen.push(request)),
      bridge.onMenuCommand((command) => seen.push(command)),
      bridge.onConnection((state) => seen.push(state)),
    ];
    fake.events.emit({ type: 'agent.text', taskId: 't1', seq: 1, at: '', text: 'hi' });
    fake.openTask.emit({ taskId: 't2', extra: 'dropped' } as { taskId: string });
    fake.menu.emit('newTask');
    fake.connection.emit('open');
    for (const stop of stops) stop();
    fake.events.emit({ type: 'agent.text', taskId: 't1', seq: 2, at: '', text: 'again' });
    expect(seen).toEqual(['agent.text', { taskId: 't2' }, 'newTask', 'open']);
  });

  it('opens a host: the same engine functions, invoked with the host name, and that host’s events only', async () => {
    const fake = fakeTransport((channel) => ({ ok: true, result: { channel } }));
    const bridge = buildBridge(fake.transport);
    const box = bridge.openHost('box');
    expect(Object.keys(box).sort()).toEqual([...Object.keys(commands), 'onChange', 'onConnection', 'onEvent'].sort());
    expect(Object.isFrozen(box)).toBe(true);
    await expect(box['task/list']({})).resolves.toEqual({ channel: 'cmd:task/list' });
    await bridge['task/list']({});
    expect(fake.calls).toEqual([
      ['cmd:task/list', {}, 'box'],
      ['cmd:task/list', {}],
    ]);
    const seen: string[] = [];
    box.onEvent((event) => seen.push(`box:${event.seq}`));
    bridge.onEvent((event) => seen.push(`local:${event.seq}`));
    fake.hostEvents.get('box')!.emit({ type: 'agent.text', taskId: 't1', seq: 1, at: '', text: 'hi' });
    fake.events.emit({ type: 'agent.text', taskId: 't1', seq: 2, at: '', text: 'hi' });
    expect(seen).toEqual(['box:1', 'local:2']);
    expect(() => bridge.openHost('' as string)).toThrow();
  });

  it('keeps calling the other listeners when one throws', () => {
    const set = listenerSet<number>();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const got: number[] = [];
    set.add(() => {
      throw new Error('boom');
    });
    set.add((value) => got.push(value));
    set.emit(3);
    expect(got).toEqual([3]);
    quiet.mockRestore();
  });
});
