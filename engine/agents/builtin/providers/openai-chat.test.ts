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

describe('Chat Completions adapter (real SDK against the scripted server)', () => {
  sharedAdapterTests(server, { provider: 'compatible', callIdPattern: /^call_/, maxTokensStop: 'a length finish' });

  it('sends system, user, assistant with tool_calls and tool messages, and asks for usage in the stream', async () => {
    server().script(replyText('Done.'));
    const transcript = toolCallHistory('call');
    await providerFor('compatible', server()).complete(
      testRequest({ transcript, maxOutputTokens: 777 }),
      recordingHandlers(),
    );
    const body = recordedBody(server(), 0);
    expect(body).toMatchObject({
      model: 'test-model',
      max_tokens: 777,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(body['tools']).toEqual([
      {
        type: 'function',
        function: {
          name: 'read_file',
          description: 'Reads a file.',
          parameters: expect.objectContaining({ type: 'object' }),
        },
      },
      {
        type: 'function',
        function: {
          name: 'write_file',
          description: 'Writes a file.',
          parameters: expect.objectContaining({ type: 'object' }),
        },
      },
    ]);
    expect(body['messages']).toEqual([
      { role: 'system', content: 'You are a test agent.' },
      { role: 'user', content: 'Handoff: the user wants README.md fixed.' },
      {
        role: 'assistant',
        content: 'Reading two files.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"README.md"}' } },
          { id: 'call_2', type: 'function', function: { name: 'read_file', arguments: '{"path":"missing.md"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '# readme' },
      { role: 'tool', tool_call_id: 'call_2', content: 'Error: missing.md does not exist' },
      { role: 'user', content: 'Also check the docs.' },
    ]);
  });

  it('normalizes usage from the final chunk: cached prompt tokens are taken out of input', async () => {
    server().script(
      withUsage(replyText('Counted.'), {
        inputTokens: 120,
        cacheReadTokens: 3_000,
        outputTokens: 57,
        reasoningTokens: 20,
      }),
    );
    const response = await providerFor('compatible', server()).complete(testRequest(), recordingHandlers());
    expect(response.usage).toEqual({
      inputTokens: 120,
      outputTokens: 57,
      cacheReadTokens: 3_000,
      cacheWriteTokens: 0,
      reasoningTokens: 20,
    });
  });

  it('works without an API key, sending a placeholder local servers ignore', async () => {
    server().script(replyText('No key needed.'));
    const response = await providerFor('compatible', server(), { apiKey: null }).complete(
      testRequest(),
      recordingHandlers(),
    );
    expect(response.items).toEqual([{ kind: 'assistant', text: 'No key needed.' }]);
    expect(server().requests[0]?.headers['authorization']).toBe('Bearer not-needed');
  });
});
