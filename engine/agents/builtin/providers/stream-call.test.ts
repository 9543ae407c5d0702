import { describe, expect, it } from 'vitest';
import { ProviderError } from '../provider.js';
import type { CallContext } from './errors.js';
import { runStreamCall, type StreamFold } from './stream-call.js';

const context: CallContext = { provider: 'anthropic', baseUrl: 'http://127.0.0.1:1', model: 'test-model' };

/** Collects numbers; the stream counts as complete only once it saw a 0. */
function fold(): StreamFold<number, number[]> & { seen: number[] } {
  const seen: number[] = [];
  return { seen, onEvent: (event) => void seen.push(event), finish: () => (seen.includes(0) ? seen : null) };
}

async function* events(...values: number[]): AsyncGenerator<number> {
  for (const value of values) yield value;
}

describe('runStreamCall', () => {
  it('returns the folded result of a stream that sent its final event', async () => {
    expect(await runStreamCall(context, new AbortController().signal, async () => events(3, 2, 0), fold())).toEqual([
      3, 2, 0,
    ]);
  });

  it('reports a stream that ended cleanly but without its final event as dropped and retryable', async () => {
    const error = await runStreamCall(context, new AbortController().signal, async () => events(3, 2), fold()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'dropped', retryable: true });
  });

  it('maps a connection failure after the stream started to dropped', async () => {
    async function* broken(): AsyncGenerator<number> {
      yield 1;
      throw new TypeError('terminated');
    }
    const error = await runStreamCall(context, new AbortController().signal, async () => broken(), fold()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ kind: 'dropped' });
  });

  it('does not open the stream when the signal is already aborted', async () => {
    let opened = false;
    const controller = new AbortController();
    controller.abort();
    const open = async () => ((opened = true), events(0));
    await expect(runStreamCall(context, controller.signal, open, fold())).rejects.toMatchObject({ kind: 'aborted' });
    expect(opened).toBe(false);
  });

  it('closes the stream when the fold throws on an error event', async () => {
    let closed = false;
    async function* stream(): AsyncGenerator<number> {
      try {
        yield 1;
        yield 2;
      } finally {
        closed = true;
      }
    }
    const failing: StreamFold<number, number> = {
      onEvent: () => {
        throw new ProviderError('server', 'error event', true);
      },
      finish: () => 0,
    };
    await expect(
      runStreamCall(context, new AbortController().signal, async () => stream(), failing),
    ).rejects.toMatchObject({ kind: 'server' });
    expect(closed).toBe(true);
  });
});
