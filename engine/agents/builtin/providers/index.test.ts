import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../errors.js';
import { createProvider, parseModelKey } from './index.js';
import { recordingHandlers, testRequest } from '../../../../testing/agents/provider-test-kit.js';

describe('parseModelKey', () => {
  it('splits the provider prefix from the model id, keeping colons inside the model', () => {
    expect(parseModelKey('anthropic:claude-sonnet-4-6')).toEqual({ provider: 'anthropic', model: 'claude-sonnet-4-6' });
    expect(parseModelKey('openai:gpt-5')).toEqual({ provider: 'openai', model: 'gpt-5' });
    expect(parseModelKey('compatible:llama3.1:8b')).toEqual({ provider: 'compatible', model: 'llama3.1:8b' });
  });

  it('rejects keys without a known provider, listing the three prefixes', () => {
    for (const key of ['claude-sonnet-4-5', 'google:gemini-2.5-pro', 'anthropic:']) {
      const error = (() => {
        try {
          return parseModelKey(key);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ code: 'invalidInput' });
      expect((error as Error).message).toContain('anthropic:, openai:, compatible:');
    }
  });
});

describe('createProvider', () => {
  it('creates the adapter for each provider id', () => {
    const connection = { apiKey: 'key', baseUrl: 'http://127.0.0.1:1' };
    expect(createProvider('anthropic', connection).id).toBe('anthropic');
    expect(createProvider('openai', connection).id).toBe('openai');
    expect(createProvider('compatible', connection).id).toBe('compatible');
  });

  it('refuses a compatible provider without a base URL, saying where to set one', async () => {
    const provider = createProvider('compatible', { apiKey: null, baseUrl: null });
    await expect(provider.complete(testRequest(), recordingHandlers())).rejects.toMatchObject({
      kind: 'unreachable',
      retryable: false,
      message: expect.stringContaining('OPENAI_COMPATIBLE_BASE_URL'),
    });
  });
});
