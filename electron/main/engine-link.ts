import type { AutomationRun } from '../../shared/automation.js';
import type { BridgeConnectionState } from '../../shared/bridge.js';
import type { ErrorData } from '../../shared/errors.js';
import type { ThreadEvent } from '../../shared/events.js';
import { PendingCalls } from '../../shared/pending-calls.js';
import type { ProviderId } from '../../shared/repo.js';
import { parseFromEngine, type ProviderKeys, type ToEngine } from '../common/engine-protocol.js';

/** One engine process as the link sees it (Electron's UtilityProcess, adapted; a fake in tests). */
export interface EngineChild {
  /** Sends a message; `port` (a MessagePortMain) is transferred with it. */
  postMessage(message: ToEngine, port?: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

/** How the link starts engine processes and reports what happens. */
export interface EngineLinkOptions {
  /** Forks a new engine process. */
  spawn(): EngineChild;
  /** The provider keys to hand a (re)started engine, decrypted. */
  loadKeys(): Promise<ProviderKeys>;
  /** Connection state changes, for the renderer. */
  onState(state: BridgeConnectionState, error: ErrorData | null): void;
  /** A (re)started engine process is ready: attach the window's event port to it. */
  onReady(info: { kind: 'local' | 'remote'; serverUrl: string | null }): void;
  /** A thread event worth a desktop notification. */
  onNotify(event: ThreadEvent): void;
  /** A run of an automation that just reached the inbox unread. */
  onNotifyInbox?(run: AutomationRun): void;
  /** Waits before restart n (0-based); defaults grow from 0.5 s to 10 s. */
  restartDelayMs?: (attempt: number) => number;
  /** Crashes within `crashWindowMs` after which the link gives up (default 5 in 60 s). */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** Used for timers, so tests can run fast. */
  now?: () => number;
}

type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorData };

/** Carries a failed call's error data through the pending table, whose calls fail with Errors. */
class LinkFailure extends Error {
  constructor(readonly data: ErrorData) {
    super(data.message);
  }
}

/**
 * The main process's side of the engine process: request/response calls by id, restart with
 * backoff when the process dies (pending calls fail with engineUnavailable, the renderer is told
 * `connecting`), and an orderly shutdown that waits for the engine to record interrupted turns.
 */
export class EngineLink {
  private child: EngineChild | null = null;
  private readonly pending = new PendingCalls();
  private crashes: number[] = [];
  private restarts = 0;
  private stopping = false;
  private failure: ErrorData | null = null;
  private closedWaiters: (() => void)[] = [];
  /** Requests made while no engine process exists (before the first start, during a restart). */
  private waiting: (() => void)[] = [];
  private current: BridgeConnectionState = 'connecting';

  constructor(private readonly options: EngineLinkOptions) {}

  /** The current connection state. */
  get state(): BridgeConnectionState {
    return this.current;
  }

  /** Starts the first engine process. */
  async start(): Promise<void> {
    await this.spawn();
  }

  /** Runs a command in the engine (or on a remote host through it); resolves with the result or the error data. */
  call(method: string, params: unknown, host?: string): Promise<Reply> {
    return this.request(
      (id) => ({ type: 'call', id, method, params, ...(host === undefined ? {} : { host }) }),
      method,
    );
  }

  /** Hands the engine a provider key in memory (null: forget it). */
  setKey(provider: ProviderId, apiKey: string | null): Promise<Reply> {
    return this.request((id) => ({ type: 'setKey', id, provider, apiKey }), 'provider key');
  }

  /** Gives the engine process one end of an event channel (the renderer holds the other), for a host when given. */
  attachEvents(port: unknown, host?: string): boolean {
    if (!this.child || this.current !== 'open') return false;
    this.child.postMessage(host === undefined ? { type: 'attachEvents' } : { type: 'attachEvents', host }, port);
    return true;
  }

  /**
   * Asks the engine to close (it records running turns as interrupted) and waits for it, killing
   * the process only if it has not finished within `timeoutMs`.
   */
  async shutdown(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.flushWaiting();
    const child = this.child;
    if (!child) return;
    const done = new Promise<void>((resolve) => this.closedWaiters.push(resolve));
    child.postMessage({ type: 'shutdown' });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([done.then(() => 'closed' as const), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') child.kill();
  }

  private request(build: (id: number) => ToEngine, method: string): Promise<Reply> {
    if (this.failure) return Promise.resolve({ ok: false, error: this.failure });
    if (this.stopping)
      return Promise.resolve({ ok: false, error: { code: 'engineUnavailable', message: 'Flotilla is quitting.' } });
    // Before the first start and during a restart, wait for the next process rather than fail.
    if (!this.child) return new Promise((resolve) => this.waiting.push(() => resolve(this.request(build, method))));
    const { id, promise } = this.pending.register<Reply>(method);
    this.child.postMessage(build(id));
    return promise.catch((error: unknown): Reply => ({
      ok: false,
      error: error instanceof LinkFailure ? error.data : { code: 'internal', message: String(error) },
    }));
  }

  private async spawn(): Promise<void> {
    this.setState('connecting', null);
    let keys: ProviderKeys = {};
    try {
      keys = await this.options.loadKeys();
    } catch {
      // Without its keys the engine still works (environment keys, local models); the vault reports why.
    }
    if (this.stopping) return;
    const child = this.options.spawn();
    this.child = child;
    child.onMessage((raw) => this.receive(child, raw));
    child.onExit((code) => this.exited(child, code));
    child.postMessage({ type: 'init', keys });
    this.flushWaiting();
  }

  private flushWaiting(): void {
    for (const retry of this.waiting.splice(0)) retry();
  }

  private receive(child: EngineChild, raw: unknown): void {
    if (child !== this.child) return;
    const message = parseFromEngine(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.restarts = 0;
        this.current = 'open';
        // The event port goes out before the renderer hears `open`, so its refetch misses nothing.
        this.options.onReady({ kind: message.kind, serverUrl: message.serverUrl });
        this.options.onState('open', null);
        return;
      case 'startFailed':
        // Not a crash: the home is locked by a process we cannot reach, or unreadable. Restarting cannot help.
        this.failure = message.error;
        this.failPending(message.error);
        this.setState('closed', message.error);
        this.child = null;
        child.kill();
        this.flushWaiting();
        return;
      case 'result':
        return this.settle(message.id, { ok: true, result: message.result });
      case 'error':
        return this.settle(message.id, { ok: false, error: message.error });
      case 'notify':
        return this.options.onNotify(message.event);
      case 'notifyInbox':
        return this.options.onNotifyInbox?.(message.run);
      case 'closed':
        this.closedWaiters.splice(0).forEach((resolve) => resolve());
        return;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }

  private exited(child: EngineChild, code: number): void {
    this.closedWaiters.splice(0).forEach((resolve) => resolve());
    if (child !== this.child) return;
    this.child = null;
    this.failPending(null);
    if (this.stopping) {
      this.setState('closed', null);
      this.flushWaiting();
      return;
    }
    const now = (this.options.now ?? Date.now)();
    const windowMs = this.options.crashWindowMs ?? 60_000;
    this.crashes = [...this.crashes.filter((at) => now - at < windowMs), now];
    if (this.crashes.length >= (this.options.maxCrashes ?? 5)) {
      this.failure = {
        code: 'engineUnavailable',
        message: `The Flotilla engine process keeps stopping (last exit code ${code}). Quit and reopen Flotilla; the logs folder in its data folder says why.`,
      };
      this.setState('closed', this.failure);
      this.flushWaiting();
      return;
    }
    const delay = (this.options.restartDelayMs ?? defaultDelay)(this.restarts++);
    setTimeout(() => void this.spawn(), delay);
    this.setState('connecting', null);
  }

  private settle(id: number, reply: Reply): void {
    this.pending.resolve(id, reply);
  }

  private failPending(error: ErrorData | null): void {
    this.pending.failAll((method) => new LinkFailure(error ?? restartingError(method)));
  }

  private setState(state: BridgeConnectionState, error: ErrorData | null): void {
    if (state === this.current && !error) return;
    this.current = state;
    this.options.onState(state, error);
  }
}

function restartingError(method: string): ErrorData {
  return {
    code: 'engineUnavailable',
    message: `The Flotilla engine stopped while running ${method} and is restarting; tasks that were running will show as interrupted. Try again in a moment.`,
  };
}

function defaultDelay(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 10_000);
}
