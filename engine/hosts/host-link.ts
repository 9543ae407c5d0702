import type { CommandName, CommandParams, CommandResult } from '../../shared/commands.js';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { HostConfig, HostLinkState } from '../../shared/hosts.js';
import { EngineError } from '../errors.js';
import type { HostEngineInfo, HostLink } from './host-link-types.js';
import { connectSshEngine, type SshEngine, type SshEngineOptions } from './ssh-engine.js';
import { ThreadResume } from './thread-resume.js';

/** How a host link connects and retries. */
export interface HostLinkOptions extends SshEngineOptions {
  /** Opens one connection; ssh by default (tests may pass another transport). */
  connect?: (host: HostConfig) => Promise<SshEngine>;
  /** Runs on every new connection before it is used, e.g. to hand the remote engine keys held on this side. */
  prepare?: (engine: SshEngine) => Promise<void>;
  /** Milliseconds to wait before reconnect attempt n (from 0). */
  backoffMs?: (attempt: number) => number;
}

/** Errors that reconnecting cannot fix: the user has to act first. */
const permanent = new Set([
  'hostKeyRejected',
  'hostLoginRefused',
  'hostNodeMissing',
  'hostFlotillaMissing',
  'protocolMismatch',
  'invalidInput',
]);

const defaultBackoff = (attempt: number) => Math.min(30_000, 500 * 2 ** attempt);

/**
 * Opens a self-healing link to a host: connects over ssh, and whenever the connection drops (network, sleep, a killed
 * ssh) reconnects with backoff and replays the thread events it missed from each task's last sequence number, so
 * subscribers see every event exactly once. Remote work never depends on the link: the remote engine runs detached.
 */
export function openHostLink(
  host: HostConfig,
  options: HostLinkOptions = {},
): HostLink & {
  /** Resolves once connected; rejects with the first connection's error when that is one reconnecting cannot fix. */
  whenConnected(): Promise<void>;
  /** Drops the current connection as a network failure would (for tests and "reconnect now"). */
  drop(): void;
} {
  const connect = options.connect ?? ((config: HostConfig) => connectSshEngine(config, options));
  const backoff = options.backoffMs ?? defaultBackoff;
  const listeners = new Set<(event: ThreadEvent) => void>();
  const changeListeners = new Set<(change: EngineChange) => void>();
  const stateListeners = new Set<(state: HostLinkState) => void>();
  const resume = new ThreadResume((event) => {
    for (const listener of [...listeners]) listener(event);
  });
  let state: HostLinkState = 'idle';
  let error: string | null = null;
  let info: HostEngineInfo | null = null;
  let engine: SshEngine | null = null;
  let closing = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let waiters: { resolve(): void; reject(error: Error): void }[] = [];

  const setState = (next: HostLinkState, why: string | null) => {
    error = why;
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };
  const settleWaiters = (failure: Error | null) => {
    const current = waiters;
    waiters = [];
    for (const waiter of current) {
      if (failure) waiter.reject(failure);
      else waiter.resolve();
    }
  };

  const start = async () => {
    if (closing) return;
    setState(info ? 'reconnecting' : 'connecting', error);
    let opened: SshEngine | null = null;
    try {
      opened = await connect(host);
      if (closing) return void (await opened.close());
      await options.prepare?.(opened);
      const current = opened;
      // Events that arrive while the missed ones are fetched wait, so the order stays the engine's.
      resume.hold();
      current.subscribe((event) => resume.live(event));
      current.onChange((change) => {
        for (const listener of [...changeListeners]) listener(change);
      });
      // Listeners answering caught-up events (a follower reading the finished task) call through this connection.
      engine = current;
      await resume.catchUp(
        (taskId, afterSeq) => current.call('task/events', { taskId, afterSeq }),
        () => current.call('task/list', {}),
      );
    } catch (failure) {
      // What was held came after the gap that was not filled: the next catch-up fetches it again.
      resume.discard();
      if (opened && engine === opened) engine = null;
      opened?.kill();
      const why = failure instanceof Error ? failure : new Error(String(failure));
      if (closing) return;
      if (failure instanceof EngineError && permanent.has(failure.code)) {
        setState('failed', why.message);
        return settleWaiters(why);
      }
      setState(info ? 'reconnecting' : 'connecting', why.message);
      if (!info) settleWaiters(why);
      retryTimer = setTimeout(() => void start(), backoff(attempt++));
      retryTimer.unref?.();
      return;
    }
    const current = opened;
    info = current.info;
    attempt = 0;
    resume.release();
    setState('connected', null);
    settleWaiters(null);
    void current.closed.then(() => {
      if (engine !== current) return;
      engine = null;
      if (closing) return;
      setState('reconnecting', `The connection to ${host.name} dropped; reconnecting…`);
      retryTimer = setTimeout(() => void start(), backoff(attempt++));
      retryTimer.unref?.();
    });
  };

  const notReady = () =>
    new EngineError(
      'engineUnavailable',
      state === 'failed' && error
        ? error
        : `Reconnecting to ${host.name}… try again in a moment.${error ? ` (${error})` : ''}`,
      { host: host.name, state },
    );

  // Started after this returns, so a listener added at once sees 'connecting' too.
  queueMicrotask(() => void start());
  return {
    name: host.name,
    get state() {
      return state;
    },
    get error() {
      return error;
    },
    get info() {
      return info;
    },
    whenConnected() {
      if (state === 'connected') return Promise.resolve();
      if (state === 'failed') return Promise.reject(notReady());
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    drop() {
      engine?.kill();
    },
    call<C extends CommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>> {
      if (!engine) return Promise.reject(notReady());
      return engine.call(method, params);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    async close() {
      closing = true;
      if (retryTimer) clearTimeout(retryTimer);
      settleWaiters(new EngineError('engineUnavailable', `The link to ${host.name} was closed.`));
      await engine?.close();
      engine = null;
      setState('idle', null);
    },
  };
}
