import {
  ProviderError,
  type ModelProvider,
  type ModelRequest,
  type ModelResponse,
  type ModelStreamHandlers,
} from '../provider.js';
import { abortedError } from './errors.js';

/**
 * One retry about to happen: which attempt failed, how long we wait, why, and whether that attempt already streamed
 * output.
 */
export interface RetryInfo {
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  error: ProviderError;
  /**
   * True when the failed attempt streamed text or reasoning, which the UI should now discard: the retry streams its
   * own.
   */
  discardedText: boolean;
}

/** How `completeWithRetry` retries. */
export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  maxAttempts?: number;
  /** The first backoff delay; each retry doubles it (default 500 ms). */
  baseDelayMs?: number;
  /** The longest backoff delay (default 30 s). */
  maxDelayMs?: number;
  onRetry?(info: RetryInfo): void;
  /** Waits `ms` or rejects with an 'aborted' ProviderError when `signal` aborts; tests may pass a fake. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
}

/**
 * A server's retry-after is honoured up to this long (or maxDelayMs if that is longer); past it we still wait only this
 * long.
 */
const retryAfterCapMs = 60_000;

/** Waits `ms`, rejecting with an 'aborted' ProviderError as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The wait before retry number `attempt`: the server's retry-after when given, else exponential backoff with jitter.
 */
export function retryDelay(
  error: ProviderError,
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random = Math.random,
): number {
  if (error.retryAfterMs !== null) return Math.min(error.retryAfterMs, Math.max(maxDelayMs, retryAfterCapMs));
  const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  // Jitter spreads out agents that failed together (one rate limit hits every task at once).
  return Math.round(backoff * (0.5 + random() / 2));
}

/**
 * Calls `provider.complete`, retrying retryable ProviderErrors (rate limits, overloads, server errors,
 * dropped streams, unreachable servers) with backoff; non-retryable errors and aborts are thrown at
 * once. A retry never re-runs a tool: tools run only after a complete response, and a failed attempt
 * never produced one, so a retry only repeats the model call. Text streamed by a failed attempt is
 * reported through `onRetry` (`discardedText`) so the caller can drop it from the UI.
 */
export async function completeWithRetry(
  provider: ModelProvider,
  request: ModelRequest,
  handlers: ModelStreamHandlers,
  options: RetryOptions = {},
): Promise<ModelResponse> {
  const { maxAttempts = 5, baseDelayMs = 500, maxDelayMs = 30_000, sleep = abortableSleep } = options;
  for (let attempt = 1; ; attempt += 1) {
    if (request.signal.aborted) throw abortedError();
    let streamed = false;
    const tracked: ModelStreamHandlers = {
      onText(delta) {
        streamed = true;
        handlers.onText(delta);
      },
      onReasoning(delta) {
        streamed = true;
        handlers.onReasoning(delta);
      },
    };
    try {
      return await provider.complete(request, tracked);
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable || attempt >= maxAttempts) throw error;
      if (request.signal.aborted) throw abortedError();
      const delayMs = retryDelay(error, attempt, baseDelayMs, maxDelayMs);
      options.onRetry?.({ attempt, delayMs, error, discardedText: streamed });
      await sleep(delayMs, request.signal);
    }
  }
}
