import { describe, expect, it } from 'vitest';
import { ProviderError, type ModelProvider, type ModelResponse } from '../provider.js';
import { recordingHandlers, testRequest } from '../../../../testing/agents/provider-test-kit.js';
import { completeWithRetry, retryDelay, type RetryInfo } from './retry.js';

const done: ModelResponse = {
  items: [{ kind: 'assistant', text: 'ok' }],
  stopReason: 'end',
  usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
};

/** A provider that plays the given outcomes in order (errors are thrown after streaming `partial`, if any). */
function scriptedProvider(outcomes: Array<ProviderError | ModelResponse>, partial = '') {
  let calls = 0;
  const provider: ModelProvider = {
    id: 'anthropic',
    async complete(_request, handlers) {
      const outcome = outcomes[calls++];
      if (outcome === undefined) throw new Error('no outcome left');
      if (outcome instanceof ProviderError) {
        if (partial) handlers.onText(partial);
        throw outcome;
      }
      return outcome;
    },
  };
  return { provider, calls: () => calls };
}

const overloaded = () => new ProviderError('overloaded', 'overloaded', true);

describe('completeWithRetry', () => {
  it('never retries a non-retryable error', async () => {
    const { provider, calls } = scriptedProvider([new ProviderError('auth', 'bad key', false), done]);
    await expect(
      completeWithRetry(provider, testRequest(), recordingHandlers(), { baseDelayMs: 1 }),
    ).rejects.toMatchObject({ kind: 'auth' });
    expect(calls()).toBe(1);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { provider, calls } = scriptedProvider([
      overloaded(),
      overloaded(),
      new ProviderError('server', 'last', true),
      done,
    ]);
    await expect(
      completeWithRetry(provider, testRequest(), recordingHandlers(), { maxAttempts: 3, baseDelayMs: 1 }),
    ).rejects.toMatchObject({ message: 'last' });
    expect(calls()).toBe(3);
  });

  it('backs off exponentially with jitter, capped at maxDelayMs', async () => {
    const { provider } = scriptedProvider([overloaded(), overloaded(), overloaded(), overloaded(), done]);
    const delays: number[] = [];
    const response = await completeWithRetry(provider, testRequest(), recordingHandlers(), {
      baseDelayMs: 100,
      maxDelayMs: 500,
      sleep: async (ms) => void delays.push(ms),
    });
    expect(response).toBe(done);
    const ceilings = [100, 200, 400, 500];
    delays.forEach((delay, index) => {
      expect(delay).toBeGreaterThanOrEqual((ceilings[index] ?? 0) / 2);
      expect(delay).toBeLessThanOrEqual(ceilings[index] ?? 0);
    });
    expect(delays).toHaveLength(4);
  });

  it('waits the server retry-after instead of its own backoff', () => {
    expect(retryDelay(new ProviderError('rateLimited', 'slow down', true, 1_234), 1, 500, 30_000)).toBe(1_234);
    expect(retryDelay(new ProviderError('rateLimited', 'slow down', true, 3_600_000), 1, 500, 30_000)).toBe(60_000);
  });

  it('stops at once when aborted while waiting to retry, without another call', async () => {
    const { provider, calls } = scriptedProvider([new ProviderError('rateLimited', 'slow down', true, 10_000), done]);
    const controller = new AbortController();
    const started = Date.now();
    const attempt = completeWithRetry(provider, testRequest({ signal: controller.signal }), recordingHandlers(), {
      onRetry: () => controller.abort(),
    });
    await expect(attempt).rejects.toMatchObject({ kind: 'aborted' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls()).toBe(1);
  });

  it('says whether the failed attempt streamed text the UI must discard', async () => {
    const retries: RetryInfo[] = [];
    const quiet = scriptedProvider([overloaded(), done]);
    await completeWithRetry(quiet.provider, testRequest(), recordingHandlers(), {
      baseDelayMs: 1,
      onRetry: (info) => retries.push(info),
    });
    const chatty = scriptedProvider([overloaded(), done], 'half an answer');
    const handlers = recordingHandlers();
    await completeWithRetry(chatty.provider, testRequest(), handlers, {
      baseDelayMs: 1,
      onRetry: (info) => retries.push(info),
    });
    expect(retries.map((info) => info.discardedText)).toEqual([false, true]);
    expect(handlers.texts).toEqual(['half an answer']);
  });
});
