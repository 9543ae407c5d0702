import { abortedError, droppedError, toProviderError, type CallContext } from './errors.js';
import { performance } from 'node:perf_hooks';
import { startSpan } from '../../../trace/trace.js';

/** Folds a stream's events into a result; `finish` returns null when the stream never sent its final event. */
export interface StreamFold<Event, Result> {
  onEvent(event: Event): void;
  finish(): Result | null;
}

/**
 * Runs one streamed SDK call: fails fast on an aborted signal, maps SDK failures to ProviderError,
 * and reports a stream that ended without its final event as dropped. Errors thrown by `fold`
 * (ProviderErrors for error events, or bugs) pass through untouched; the stream is closed either way.
 */
export async function runStreamCall<Event, Result>(
  context: CallContext,
  signal: AbortSignal,
  open: () => Promise<AsyncIterable<Event>>,
  fold: StreamFold<Event, Result>,
): Promise<Result> {
  if (signal.aborted) throw abortedError();
  const span = startSpan(`model request ${context.model}`, 'agent', { provider: context.provider });
  const started = performance.now();
  let firstEventMs: number | null = null;
  let iterator: AsyncIterator<Event>;
  try {
    iterator = (await open())[Symbol.asyncIterator]();
  } catch (error) {
    span.end({ failed: true });
    throw toProviderError(error, context, { started: false, signal });
  }
  let finished = false;
  try {
    for (;;) {
      let step: IteratorResult<Event>;
      try {
        step = await iterator.next();
      } catch (error) {
        throw toProviderError(error, context, { started: true, signal });
      }
      if (step.done) break;
      firstEventMs ??= performance.now() - started;
      fold.onEvent(step.value);
    }
    finished = true;
  } finally {
    span.end({ firstEventMs, finished });
    // Leaving early (an error event, a bug) must close the HTTP stream rather than leave it open.
    if (!finished) await iterator.return?.().catch(() => undefined);
  }
  // The SDKs end iteration quietly when the request is aborted mid-stream.
  if (signal.aborted) throw abortedError();
  const result = fold.finish();
  if (result === null) throw droppedError(context);
  return result;
}
