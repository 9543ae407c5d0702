import { describe, expect, it } from 'vitest';
import { replyText, withUsage } from '../../../../testing/model-server/scenario-steps.js';
import {
  scriptedServerPerTest,
  sharedAdapterTests,
  toolCallHistory,
} from '../../../../testing/agents/adapter-test-suite.js';
import {
  providerFor,
  recordedBody,
  recordingHandlers,
  testRequest,
} from '../../../../testing/agents/provider-test-kit.js';

const server = scriptedServerPerTest();

describe('OpenAI Responses adapter (real SDK against the scripted server)', () => {
  sharedAdapterTests(server, {
    provider: 'openai',
    callIdPattern: /^call_/,
    maxTokensStop: 'an incomplete max_output_tokens response',
  });

  it('sends instructions, function tools, store:false and the transcript as message, function_call and function_call_output items', async () => {
    server().script(replyText('Done.'));
    const transcript = toolCallHistory('call');
    await providerFor('openai', server()).complete(
      testRequest({ transcript, maxOutputTokens: 777 }),
      recordingHandlers(),
    );
    const body = recordedBody(server(), 0);
    expect(body).toMatchObject({
      model: 'test-model',
      instructions: 'You are a test agent.',
      max_output_tokens: 777,
      store: false,
      stream: true,
    });
    expect(body['tools']).toEqual([
      {
        type: 'function',
        name: 'read_file',
        description: 'Reads a file.',
        parameters: expect.objectContaining({ type: 'object' }),
        strict: false,
      },
      {
        type: 'function',
        name: 'write_file',
        description: 'Writes a file.',
        parameters: expect.objectContaining({ type: 'object' }),
        strict: false,
      },
    ]);
    expect(body['input']).toEqual([
      { type: 'message', role: 'user', content: 'Handoff: the user wants README.md fixed.' },
      { type: 'message', role: 'assistant', content: 'Reading two files.' },
      { type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '{"path":"README.md"}' },
      { type: 'function_call', call_id: 'call_2', name: 'read_file', arguments: '{"path":"missing.md"}' },
      { type: 'function_call_output', call_id: 'call_1', output: '# readme' },
      { type: 'function_call_output', call_id: 'call_2', output: 'Error: missing.md does not exist' },
      { type: 'message', role: 'user', content: 'Also check the docs.' },
    ]);
  });

  it('normalizes usage: cached tokens are taken out of input, reasoning tokens reported', async () => {
    server().script(
      withUsage(replyText('Counted.'), {
        inputTokens: 120,
        cacheReadTokens: 3_000,
        outputTokens: 57,
        reasoningTokens: 20,
      }),
    );
    const response = await providerFor('openai', server()).complete(testRequest(), recordingHandlers());
    expect(response.usage).toEqual({
      inputTokens: 120,
      outputTokens: 57,
      cacheReadTokens: 3_000,
      cacheWriteTokens: 0,
      reasoningTokens: 20,
    });
  });
});
