/** Builds the error a call fails with when it got no answer within its time. */
export type TimeoutError = (method: string, timeoutMs: number) => Error;

/** How a table of calls waiting for answers behaves. */
export interface PendingCallsOptions {
  /** How long a call may wait for its answer; none when absent. A call can set its own. */
  timeoutMs?: number;
  /** The error for a call that timed out; by default one that names the method and the wait. */
  timeoutError?: TimeoutError;
}

/** A call registered in the table: the id to send with it and the promise of its answer. */
export interface RegisteredCall<T> {
  id: number;
  promise: Promise<T>;
}

interface Entry {
  method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | null;
}

/** The default timeout error: says which call did not answer and for how long it waited. */
export const defaultTimeoutError: TimeoutError = (method, timeoutMs) =>
  new Error(`No answer to ${method} within ${Math.round(timeoutMs / 1000)} s.`);

/**
 * Calls sent to another side and waiting for their answers, by request id: each answer settles its
 * call once (late or unknown answers are ignored), a call that waits too long fails with an error
 * naming its method, and `failAll` fails everything still waiting when the connection goes away.
 * The one table behind the WebSocket clients, the Electron engine link and the JSON-RPC peer.
 */
export class PendingCalls {
  private nextId = 1;
  private readonly calls = new Map<number, Entry>();

  constructor(private readonly options: PendingCallsOptions = {}) {}

  /** How many calls are waiting. */
  get size(): number {
    return this.calls.size;
  }

  /** Registers a call to `method` under a fresh id; its promise settles with the answer, a timeout or `failAll`. */
  register<T = unknown>(method: string, timeoutMs: number | undefined = this.options.timeoutMs): RegisteredCall<T> {
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? null
          : setTimeout(() => {
              this.calls.delete(id);
              reject((this.options.timeoutError ?? defaultTimeoutError)(method, timeoutMs));
            }, timeoutMs);
      this.calls.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
    });
    return { id, promise };
  }

  /** The method of a waiting call, or undefined when no call waits under that id. */
  method(id: number): string | undefined {
    return this.calls.get(id)?.method;
  }

  /** Settles a waiting call with its answer; false when none waits under that id (a late or unknown answer). */
  resolve(id: number, value: unknown): boolean {
    const entry = this.take(id);
    entry?.resolve(value);
    return entry !== null;
  }

  /** Fails a waiting call; false when none waits under that id. */
  reject(id: number, error: Error): boolean {
    const entry = this.take(id);
    entry?.reject(error);
    return entry !== null;
  }

  /** Fails every waiting call (the connection went away), with one error or one per method. */
  failAll(error: Error | ((method: string) => Error)): void {
    const entries = [...this.calls.values()];
    this.calls.clear();
    for (const entry of entries) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.reject(typeof error === 'function' ? error(entry.method) : error);
    }
  }

  private take(id: number): Entry | null {
    const entry = this.calls.get(id);
    if (!entry) return null;
    this.calls.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    return entry;
  }
}
