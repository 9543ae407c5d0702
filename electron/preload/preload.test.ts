import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../shared/commands.js';
import { desktopCommands, type PreloadApi } from '../../shared/bridge.js';
import type { ThreadEvent } from '../../shared/events.js';
import { removeTemp } from '../../testing/engine/temp-repo.js';
import { eventFrame } from '../common/engine-protocol.js';
import { attachEventsChannel, rendererChannels } from '../common/ipc-gate.js';
import { buildElectronBundle } from '../../testing/electron/build-bundle.js';

let bundleDir = '';
beforeAll(() => {
  bundleDir = buildElectronBundle();
}, 120_000);
afterAll(() => removeTemp(bundleDir));

/**
 * Runs the built preload (out/main/preload.cjs) the way a sandboxed renderer does: a fresh
 * context whose `require` knows only 'electron', here a recording fake of contextBridge and ipcRenderer.
 */
function loadPreload() {
  const exposed: [string, unknown][] = [];
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
  const sent: unknown[] = [];
  const invoked: [string, unknown][] = [];
  const ipcRenderer = {
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    send(channel: string, ...args: unknown[]) {
      sent.push(args.length ? [channel, ...args] : channel);
    },
    async invoke(channel: string, ...args: unknown[]) {
      invoked.push([channel, ...args] as [string, unknown]);
      return channel === 'cmd:repo/list'
        ? { ok: true, result: { repos: [] } }
        : { ok: false, error: { code: 'notFound', message: 'No such task.' } };
    },
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.push([name, api]) },
    ipcRenderer,
  };
  const requireInSandbox = (name: string) => {
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(join(bundleDir, 'preload.cjs'), 'utf8'), {
    require: requireInSandbox,
    module,
    exports: module.exports,
    console,
  });
  const emit = (channel: string, event: unknown, ...args: unknown[]) =>
    (listeners.get(channel) ?? []).forEach((listener) => listener(event, ...args));
  return { exposed, sent, invoked, emit };
}

describe('the built preload', () => {
  it('exposes only window.flotilla, with one function per command and action, and asks for an event port', () => {
    const { exposed, sent } = loadPreload();
    expect(exposed.map(([name]) => name)).toEqual(['flotilla']);
    const api = exposed[0]![1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      [
        ...Object.keys(commands),
        ...Object.keys(desktopCommands),
        'onChange',
        'onConnection',
        'onEvent',
        'onMenuCommand',
        'onOpenTask',
        'openHost',
      ].sort(),
    );
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(sent).toEqual([attachEventsChannel]);
  });

  it('invokes cmd:<name> and rejects with the error data', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed[0]![1] as PreloadApi;
    await expect(api['repo/list']({})).resolves.toEqual({ repos: [] });
    await expect(api['task/get']({ taskId: 'nope' })).rejects.toEqual({ code: 'notFound', message: 'No such task.' });
    expect(invoked).toEqual([
      ['cmd:repo/list', {}],
      ['cmd:task/get', { taskId: 'nope' }],
    ]);
  });

  it('delivers thread events from the engine port, and switches to a new port after a restart', async () => {
    const { exposed, emit } = loadPreload();
    const api = exposed[0]![1] as PreloadApi;
    const seen: string[] = [];
    api.onEvent((event) => seen.push(`${event.seq}:${event.type}`));
    const event = (seq: number): ThreadEvent => ({ type: 'agent.text', taskId: 't1', seq, at: 'now', text: 'hi' });
    const first = new MessageChannel();
    emit(rendererChannels.engineEvents, { ports: [first.port1] });
    first.port2.postMessage(eventFrame(event(1)));
    first.port2.postMessage({ something: 'else' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = new MessageChannel();
    emit(rendererChannels.engineEvents, { ports: [second.port1] });
    second.port2.postMessage(eventFrame(event(2)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['1:agent.text', '2:agent.text']);
    first.port2.close();
    second.port2.close();
  });

  it('opens a host: asks main once for its event port, invokes with the host, and keeps its events apart', async () => {
    const { exposed, emit, sent, invoked } = loadPreload();
    const api = exposed[0]![1] as PreloadApi;
    const box = api.openHost('box');
    api.openHost('box');
    expect(sent).toEqual([attachEventsChannel, [attachEventsChannel, 'box']]);
    await expect(box['repo/list']({})).resolves.toEqual({ repos: [] });
    expect(invoked).toEqual([['cmd:repo/list', {}, 'box']]);
    const seen: string[] = [];
    box.onEvent((event) => seen.push(`box:${event.seq}`));
    api.onEvent((event) => seen.push(`local:${event.seq}`));
    const event = (seq: number): ThreadEvent => ({ type: 'agent.text', taskId: 't1', seq, at: 'now', text: 'hi' });
    const local = new MessageChannel();
    const host = new MessageChannel();
    const stray = new MessageChannel();
    emit(rendererChannels.engineEvents, { ports: [local.port1] }, null);
    emit(rendererChannels.engineEvents, { ports: [host.port1] }, 'box');
    emit(rendererChannels.engineEvents, { ports: [stray.port1] }, 'never-opened');
    host.port2.postMessage(eventFrame(event(1)));
    local.port2.postMessage(eventFrame(event(2)));
    stray.port2.postMessage(eventFrame(event(3)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.sort()).toEqual(['box:1', 'local:2']);
    for (const channel of [local, host, stray]) channel.port2.close();
  });

  it('passes on connection states, notification clicks and menu commands, ignoring malformed ones', () => {
    const { exposed, emit } = loadPreload();
    const api = exposed[0]![1] as PreloadApi;
    const seen: unknown[] = [];
    api.onConnection((state) => seen.push(state));
    api.onOpenTask((request) => seen.push(request));
    api.onMenuCommand((command) => seen.push(command));
    emit(rendererChannels.connection, {}, 'open');
    emit(rendererChannels.connection, {}, 'exploded');
    emit(rendererChannels.openTask, {}, { taskId: 't9' });
    emit(rendererChannels.openTask, {}, { taskId: 42 });
    emit(rendererChannels.menu, {}, 'newTask');
    emit(rendererChannels.menu, {}, 'formatDisk');
    expect(seen).toEqual(['connecting', 'open', { taskId: 't9' }, 'newTask']);
  });
});
