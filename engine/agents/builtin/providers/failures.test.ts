import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../../shared/repo.js';
import {
  dropMidStream,
  failHttp,
  failMidStream,
  replySlowly,
  replyText,
} from '../../../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../../../testing/model-server/server.js';
import { ProviderError } from '../provider.js';
import {
  baseUrlFor,
  providerFor,
  recordingHandlers,
  testRequest,
} from '../../../../testing/agents/provider-test-kit.js';
import { completeWithRetry, type RetryInfo } from './retry.js';

let server: ModelServer;
beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

/** Runs one call through completeWithRetry with tiny backoff, recording retries. */
async function callWithRetry(provider: ProviderId, model = 'test-model') {
  const retries: RetryInfo[] = [];
  const handlers = recordingHandlers();
  const started = Date.now();
  const outcome = await completeWithRetry(providerFor(provider, server), testRequest({ model }), handlers, {
    baseDelayMs: 5,
    maxDelayMs: 20,
    onRetry: (info) => retries.push(info),
  }).then(
    (response) => ({ response, error: null }),
    (error: unknown) => ({ response: null, error: error as ProviderError }),
  );
  return { ...outcome, retries, handlers, elapsedMs: Date.now() - started };
}

const authMessages: Record<ProviderId, string> = {
  anthropic: 'The Anthropic API key was rejected. Set a valid key in Settings or ANTHROPIC_API_KEY.',
  openai: 'The OpenAI API key was rejected. Set a valid key in Settings or OPENAI_API_KEY.',
  compatible: 'The OpenAI-compatible API key was rejected. Set a valid key in Settings or OPENAI_COMPATIBLE_API_KEY.',
};

describe.each<ProviderId>(['anthropic', 'openai', 'compatible'])(
  '%s adapter failures (real SDK against the scripted server)',
  (provider) => {
    it('retries a 429 after the retry-after-ms delay and then succeeds', async () => {
      server.script([failHttp('rateLimit', { retryAfterMs: 250 }), replyText('Answered after the rate limit.')]);
      const result = await callWithRetry(provider);
      expect(result.response?.items).toEqual([{ kind: 'assistant', text: 'Answered after the rate limit.' }]);
      expect(result.retries).toHaveLength(1);
      expect(result.retries[0]).toMatchObject({
        attempt: 1,
        delayMs: 250,
        discardedText: false,
        error: { kind: 'rateLimited', retryable: true, retryAfterMs: 250 },
      });
      expect(result.elapsedMs).toBeGreaterThanOrEqual(240);
      expect(server.requests).toHaveLength(2);
    });

    it('retries an overloaded answer (529 on Anthropic, 503 on OpenAI)', async () => {
      server.script([failHttp('overloaded'), replyText('Answered after the overload.')]);
      const result = await callWithRetry(provider);
      expect(result.response?.items).toEqual([{ kind: 'assistant', text: 'Answered after the overload.' }]);
      expect(result.retries.map((info) => info.error.kind)).toEqual(['overloaded']);
      expect(result.retries[0]?.error.status).toBe(provider === 'anthropic' ? 529 : 503);
    });

    it('does not retry a 400 and surfaces the API message', async () => {
      server.script([
        failHttp('badRequest', { message: 'messages.3: tool_result without a matching tool_use' }),
        replyText('never sent'),
      ]);
      const result = await callWithRetry(provider);
      expect(result.error).toBeInstanceOf(ProviderError);
      expect(result.error).toMatchObject({ kind: 'badRequest', retryable: false, status: 400 });
      expect(result.error?.message).toContain('messages.3: tool_result without a matching tool_use');
      expect(result.retries).toHaveLength(0);
      expect(server.requests).toHaveLength(1);
    });

    it('retries a stream broken off by an error event, flagging the streamed text for discarding', async () => {
      server.script([
        failMidStream('This answer will be cut off by an error event.'),
        replyText('Answered on the retry.'),
      ]);
      const result = await callWithRetry(provider);
      expect(result.response?.items).toEqual([{ kind: 'assistant', text: 'Answered on the retry.' }]);
      expect(result.retries).toHaveLength(1);
      expect(result.retries[0]).toMatchObject({ discardedText: true, error: { kind: 'overloaded', retryable: true } });
      expect(server.requests[0]?.outcome).toBe('failedMidStream');
    });

    it('retries a stream whose connection drops half-way', async () => {
      server.script([
        dropMidStream('This answer never arrives in full because the connection drops half-way through it.'),
        replyText('Answered on the retry.'),
      ]);
      const result = await callWithRetry(provider);
      expect(result.response?.items).toEqual([{ kind: 'assistant', text: 'Answered on the retry.' }]);
      expect(result.retries.map((info) => info.error.kind)).toEqual(['dropped']);
      expect(server.requests[0]?.outcome).toBe('dropped');
    });

    it('tells the user to fix the key on a 401, without retrying', async () => {
      server.script(failHttp('authentication'));
      const result = await callWithRetry(provider);
      expect(result.error).toMatchObject({ kind: 'auth', retryable: false, message: authMessages[provider] });
      expect(server.requests).toHaveLength(1);
    });

    it('names the missing model on a 404, without retrying', async () => {
      server.script(failHttp('badRequest', { status: 404, message: 'model: no-such-model' }));
      const result = await callWithRetry(provider, 'no-such-model');
      expect(result.error).toMatchObject({ kind: 'modelNotFound', retryable: false });
      expect(result.error?.message).toMatch(/^The model no-such-model does not exist at .+\. Pick another model\.$/);
      expect(server.requests).toHaveLength(1);
    });

    it('says the server is unreachable when nothing listens on the base URL', async () => {
      const closed = await startModelServer();
      await closed.close();
      const request = testRequest();
      const error = await providerFor(provider, closed)
        .complete(request, recordingHandlers())
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        kind: 'unreachable',
        retryable: true,
        message: `Could not reach ${baseUrlFor(provider, closed)}: is the server running? Check the base URL in settings.`,
      });
    });

    it('rejects promptly with aborted when cancelled mid-stream, and the server sees the disconnect', async () => {
      server.script(replySlowly('A slow answer that takes a long time to arrive, piece by piece. '.repeat(3), 50));
      const controller = new AbortController();
      const handlers = recordingHandlers();
      const onText = handlers.onText;
      handlers.onText = (delta) => {
        onText(delta);
        if (handlers.texts.length === 2) controller.abort();
      };
      const started = Date.now();
      const error = await completeWithRetry(
        providerFor(provider, server),
        testRequest({ signal: controller.signal }),
        handlers,
      ).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'aborted', retryable: false });
      expect(Date.now() - started).toBeLessThan(1_000);
      await server.settled();
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.outcome).toBe('clientAborted');
    });
  },
);

describe.each<ProviderId>(['anthropic', 'openai'])('%s adapter without a key', (provider) => {
  it('refuses to call, naming the setting and environment variable', async () => {
    const error = await providerFor(provider, server, { apiKey: null })
      .complete(testRequest(), recordingHandlers())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'auth', retryable: false });
    expect((error as Error).message).toMatch(
      /^No (Anthropic|OpenAI) API key is set\. Set one in Settings or (ANTHROPIC|OPENAI)_API_KEY\.$/,
    );
    expect(server.requests).toHaveLength(0);
  });
});
