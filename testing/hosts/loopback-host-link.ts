import type { CommandName, CommandParams, CommandResult } from '../../shared/commands.js';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { HostLinkState } from '../../shared/hosts.js';
import { EngineError } from '../../engine/errors.js';
import { connectEngine, type RemoteEngine } from '../../engine/host/ws-client.js';
import type { HostEngineInfo, HostLink } from '../../engine/hosts/host-link-types.js';

/** Where a loopback "host" really is: a second engine served by `serveEngine` on this machine. */
export interface LoopbackTarget {
  url: string;
  token: string;
}

/**
 * A stand-in for the SSH HostLink in tests: an EngineApi over `connectEngine` to a second local engine that can be
 * made to drop (`drop()`) and come back (`release()`), or that drops by itself when that engine goes away. On every
 * reconnect it catches up each task it has seen with `task/events {afterSeq}` and hands on each event once, in
 * sequence order, as the real link must.
 */
export class LoopbackHostLink implements HostLink {
  readonly name: string;
  state: HostLinkState = 'idle';
  error: string | null = null;
  info: HostEngineInfo | null = null;
  private remote: RemoteEngine | null = null;
  private held = false;
  private closing = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  /** The last event handed on, per task. */
  private readonly lastSeq = new Map<string, number>();
  /** The newest event a caller read (task/events, task/eventPage) of a task no live event was handed on for yet. */
  private readonly readSeq = new Map<string, number>();
  private readonly listeners = new Set<(event: ThreadEvent) => void>();
  private readonly changeListeners = new Set<(change: EngineChange) => void>();
  private readonly stateListeners = new Set<(state: HostLinkState) => void>();

  constructor(
    name: string,
    private readonly target: LoopbackTarget,
    private readonly retryMs = 100,
  ) {
    this.name = name;
  }

  /** Connects (or reconnects); resolves once connected, or once the attempt failed and a retry is scheduled. */
  async connect(): Promise<void> {
    this.retry = null;
    if (this.closing || this.held || this.remote) return;
    this.setState(this.state === 'idle' || this.state === 'connecting' ? 'connecting' : 'reconnecting');
    let remote: RemoteEngine;
    try {
      remote = await connectEngine({ ...this.target, connectTimeoutMs: 2_000 });
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.scheduleRetry();
      return;
    }
    if (this.closing || this.held) return void (await remote.close());
    // Live events that arrive while catching up wait until the missed ones are handed on.
    const waiting: ThreadEvent[] = [];
    let caughtUp = false;
    remote.subscribe((event) => (caughtUp ? this.deliver(event) : waiting.push(event)));
    remote.onChange((change) => this.changeListeners.forEach((listener) => listener(change)));
    try {
      const seen = new Map([...this.readSeq, ...this.lastSeq]);
      for (const [taskId, afterSeq] of seen) {
        const { events } = await remote.call('task/events', { taskId, afterSeq });
        events.forEach((event) => this.deliver(event));
      }
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      await remote.close();
      this.scheduleRetry();
      return;
    }
    waiting.forEach((event) => this.deliver(event));
    caughtUp = true;
    this.remote = remote;
    this.error = null;
    this.info = { protocolVersion: 1, engineVersion: 'loopback', nodeVersion: process.version, home: '', pid: 0 };
    void remote.closed.then(() => this.lost(remote));
    this.setState('connected');
  }

  /** Cuts the connection as a network drop would and keeps it down until `release()`. */
  async drop(): Promise<void> {
    this.held = true;
    const remote = this.remote;
    if (!remote) return;
    await remote.close();
    await this.waitFor('reconnecting');
  }

  /** Lets a dropped link reconnect; resolves once it is connected again and has caught up. */
  async release(): Promise<void> {
    this.held = false;
    if (this.retry) clearTimeout(this.retry);
    await this.connect();
    await this.waitFor('connected');
  }

  /** Resolves once the link is in `state`. */
  waitFor(state: HostLinkState): Promise<void> {
    if (this.state === state) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = this.onState((now) => {
        if (now !== state) return;
        stop();
        resolve();
      });
    });
  }

  call<C extends CommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>> {
    const remote = this.remote;
    if (!remote || this.state !== 'connected')
      return Promise.reject(
        new EngineError('engineUnavailable', `Reconnecting to ${this.name}… try again in a moment.`),
      );
    return remote.call(method, params).then((result) => {
      // A thread the caller read is one to catch up after a drop, even before it sees a live event of it.
      if (method === 'task/events' || method === 'task/eventPage') {
        const { events } = result as CommandResult<'task/events'>;
        for (const event of events) this.noteSeq(event);
      }
      return result;
    });
  }

  subscribe(listener: (event: ThreadEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onChange(listener: (change: EngineChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onState(listener: (state: HostLinkState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Closes the link; the engine behind it keeps running. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    const remote = this.remote;
    this.remote = null;
    await remote?.close();
    this.setState('idle');
  }

  private deliver(event: ThreadEvent): void {
    if (event.seq <= (this.lastSeq.get(event.taskId) ?? 0)) return;
    this.lastSeq.set(event.taskId, event.seq);
    this.listeners.forEach((listener) => listener(event));
  }

  private noteSeq(event: ThreadEvent): void {
    if (event.seq > (this.readSeq.get(event.taskId) ?? 0)) this.readSeq.set(event.taskId, event.seq);
  }

  private lost(remote: RemoteEngine): void {
    if (this.remote !== remote) return;
    this.remote = null;
    if (this.closing) return;
    this.error = `The connection to ${this.name} dropped.`;
    this.setState('reconnecting');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.state !== 'reconnecting') this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting');
    if (this.closing || this.held) return;
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
  }

  private setState(state: HostLinkState): void {
    if (state === this.state) return;
    this.state = state;
    this.stateListeners.forEach((listener) => listener(state));
  }
}
