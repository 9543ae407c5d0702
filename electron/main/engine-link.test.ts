import { describe, expect, it } from 'vitest';
import type { AutomationRun } from '../../shared/automation.js';
import type { BridgeConnectionState } from '../../shared/bridge.js';
import type { ErrorData } from '../../shared/errors.js';
import type { ThreadEvent } from '../../shared/events.js';
import { EngineLink, type EngineChild } from './engine-link.js';
import type { FromEngine, ToEngine } from '../common/engine-protocol.js';

/** A scripted engine process: records what it is sent and lets the test answer or die. */
class FakeChild implements EngineChild {
  readonly sent: ToEngine[] = [];
  readonly ports: unknown[] = [];
  killed = false;
  private messageListener: (message: unknown) => void = () => undefined;
  private exitListener: (code: number) => void = () => undefined;
  postMessage(message: ToEngine, port?: unknown) {
    this.sent.push(message);
    if (port) this.ports.push(port);
  }
  onMessage(listener: (message: unknown) => void) {
    this.messageListener = listener;
  }
  onExit(listener: (code: number) => void) {
    this.exitListener = listener;
  }
  kill() {
    this.killed = true;
  }
  reply(message: FromEngine | Record<string, unknown>) {
    this.messageListener(message);
  }
  die(code = 1) {
    this.exitListener(code);
  }
  lastCallId(): number {
    const call = this.sent.findLast((message) => message.type === 'call' || message.type === 'setKey');
    return (call as { id: number }).id;
  }
}

function setup(options: { keys?: Record<string, string>; maxCrashes?: number } = {}) {
  const children: FakeChild[] = [];
  const states: [BridgeConnectionState, ErrorData | null][] = [];
  const notified: ThreadEvent[] = [];
  const inbox: AutomationRun[] = [];
  let readies = 0;
  const link = new EngineLink({
    spawn: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    loadKeys: async () => options.keys ?? {},
    onState: (state, error) => states.push([state, error]),
    onReady: () => readies++,
    onNotify: (event) => notified.push(event),
    onNotifyInbox: (run) => inbox.push(run),
    restartDelayMs: () => 0,
    maxCrashes: options.maxCrashes ?? 3,
  });
  return { link, children, states, notified, inbox, readies: () => readies };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the main process’s link to the engine process', () => {
  it('starts the engine with the decrypted keys first, then matches replies to calls by id', async () => {
    const { link, children, states } = setup({ keys: { anthropic: 'sk-1' } });
    await link.start();
    const child = children[0]!;
    expect(child.sent[0]).toEqual({ type: 'init', keys: { anthropic: 'sk-1' } });
    child.reply({ type: 'ready', kind: 'local', home: '/h', serverUrl: null });
    expect(link.state).toBe('open');
    const first = link.call('repo/list', {});
    const second = link.call('task/list', {});
    const [a, b] = child.sent.slice(1) as { id: number }[];
    child.reply({ type: 'result', id: b!.id, result: { tasks: [] } });
    child.reply({ type: 'error', id: a!.id, error: { code: 'internal', message: 'boom' } });
    expect(await first).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    expect(await second).toEqual({ ok: true, result: { tasks: [] } });
    expect(states.map(([state]) => state)).toEqual(['open']);
  });

  it('ignores messages that do not follow the protocol', async () => {
    const { link, children } = setup();
    await link.start();
    children[0]!.reply({ type: 'ready', kind: 'local', home: '/h', serverUrl: null });
    const call = link.call('repo/list', {});
    children[0]!.reply({ type: 'result', id: 'not-a-number', result: 1 });
    children[0]!.reply({ nonsense: true });
    children[0]!.reply({ type: 'result', id: children[0]!.lastCallId(), result: 'ok' });
    expect(await call).toEqual({ ok: true, result: 'ok' });
  });

  it('when the engine dies: fails pending calls, says connecting, restarts it and says open again', async () => {
    const { link, children, states, readies } = setup({ keys: { openai: 'sk-2' } });
    await link.start();
    children[0]!.reply({ type: 'ready', kind: 'local', home: '/h', serverUrl: null });
    const pending = link.call('task/create', { repoId: 'r', prompt: 'p' });
    children[0]!.die(139);
    const failed = await pending;
    expect(failed.ok).toBe(false);
    if (!failed.ok)
      expect(failed.error).toMatchObject({
        code: 'engineUnavailable',
        message: expect.stringContaining('task/create'),
      });
    expect(link.state).toBe('connecting');
    await tick();
    expect(children).toHaveLength(2);
    expect(children[1]!.sent[0]).toEqual({ type: 'init', keys: { openai: 'sk-2' } });
    children[1]!.reply({ type: 'ready', kind: 'local', home: '/h', serverUrl: null });
    expect(states.map(([state]) => state)).toEqual(['open', 'connecting', 'open']);
    expect(readies()).toBe(2);
    // Messages from the dead process no longer count.
    children[0]!.reply({ type: 'notify', event: { type: 'agent.text', taskId: 't', seq: 1, at: '', text: '' } });
  });

  it('holds calls made before the engine process exists, or while it restarts, and sends them to the new one', async () => {
    const { link, children } = setup();
    const early = link.call('repo/list', {});
    await link.start();
    expect(children[0]!.sent.map((message) => message.type)).toEqual(['init', 'call']);
    children[0]!.reply({ type: 'result', id: children[0]!.lastCallId(), result: { repos: [] } });
    expect(await early).toEqual({ ok: true, result: { repos: [] } });
    children[0]!.die(1);
    const during = link.call('task/list', {});
    await tick();
    expect(children[1]!.sent.map((message) => message.type)).toEqual(['init', 'call']);
    children[1]!.reply({ type: 'result', id: children[1]!.lastCallId(), result: { tasks: [] } });
    expect(await during).toEqual({ ok: true, result: { tasks: [] } });
  });

  it('gives up after repeated crashes and answers every call with the reason', async () => {
    const { link, children, states } = setup({ maxCrashes: 2 });
    await link.start();
    children[0]!.die(1);
    await tick();
    children[1]!.die(1);
    await tick();
    expect(children).toHaveLength(2);
    expect(states.at(-1)).toEqual(['closed', expect.objectContaining({ code: 'engineUnavailable' })]);
    expect((await link.call('repo/list', {})).ok).toBe(false);
  });

  it('does not restart when the engine cannot start (the home is held elsewhere)', async () => {
    const { link, children, states } = setup();
    await link.start();
    const error: ErrorData = { code: 'engineLocked', message: 'Another Flotilla engine (pid 42) is using /h.' };
    children[0]!.reply({ type: 'startFailed', error });
    children[0]!.die(0);
    await tick();
    expect(children).toHaveLength(1);
    expect(children[0]!.killed).toBe(true);
    expect(states.at(-1)).toEqual(['closed', error]);
    expect(await link.call('repo/list', {})).toEqual({ ok: false, error });
  });

  it('sends a host’s calls and event ports to the engine process named with the host', async () => {
    const { link, children } = setup();
    await link.start();
    const child = children[0]!;
    child.reply({ type: 'ready', kind: 'local', home: '/h', serverUrl: null });
    const onHost = link.call('task/list', {}, 'box');
    expect(child.sent.at(-1)).toEqual({
      type: 'call',
      id: child.lastCallId(),
      method: 'task/list',
      params: {},
      host: 'box',
    });
    child.reply({ type: 'result', id: child.lastCallId(), result: { tasks: [] } });
    expect(await onHost).toEqual({ ok: true, result: { tasks: [] } });
    expect(link.attachEvents('box-port', 'box')).toBe(true);
    expect(child.sent.at(-1)).toEqual({ type: 'attachEvents', host: 'box' });
    expect(child.ports).toEqual(['box-port']);
  });

  it('passes notable events to the notifier and event ports to the engine only while open', async () => {
    const { link, children, notified } = setup();
    await link.start();
    expect(link.attachEvents('port-1')).toBe(false);
    children[0]!.reply({ type: 'ready', kind: 'local', home: '/h', serverUrl: null });
    expect(link.attachEvents('port-2')).toBe(true);
    expect(children[0]!.ports).toEqual(['port-2']);
    const event: ThreadEvent = {
      type: 'status.changed',
      taskId: 't',
      seq: 3,
      at: 'now',
      status: 'done',
      previous: 'running',
      message: null,
    };
    children[0]!.reply({ type: 'notify', event });
    expect(notified).toEqual([event]);
  });

  it('passes runs that reached the inbox unread to the inbox notifier', async () => {
    const { link, children, inbox } = setup();
    await link.start();
    children[0]!.reply({ type: 'ready', kind: 'local', home: '/h', serverUrl: null });
    const run: AutomationRun = {
      id: 'run1',
      automationId: 'a1',
      firedAt: 'now',
      reason: 'new commit 1a2b3c4 on main: Add the login page',
      late: false,
      eventKey: null,
      variables: {},
      state: 'started',
      detail: null,
      taskIds: ['t1'],
      startedAt: 'now',
      inbox: 'unread',
      outcome: '1 file changed',
    };
    children[0]!.reply({ type: 'notifyInbox', run });
    expect(inbox).toEqual([run]);
  });

  it('on quit waits for the engine to close, and kills it only after the timeout', async () => {
    const graceful = setup();
    await graceful.link.start();
    const child = graceful.children[0]!;
    child.reply({ type: 'ready', kind: 'local', home: '/h', serverUrl: null });
    const done = graceful.link.shutdown(5_000);
    expect(child.sent.at(-1)).toEqual({ type: 'shutdown' });
    child.reply({ type: 'closed' });
    await done;
    expect(child.killed).toBe(false);
    child.die(0);
    await tick();
    expect(graceful.children).toHaveLength(1);
    expect(await graceful.link.call('repo/list', {})).toMatchObject({
      ok: false,
      error: { code: 'engineUnavailable' },
    });

    const stuck = setup();
    await stuck.link.start();
    await stuck.link.shutdown(20);
    expect(stuck.children[0]!.killed).toBe(true);
  });
});
