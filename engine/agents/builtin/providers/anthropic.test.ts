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

describe('Anthropic adapter (real SDK against the scripted server)', () => {
  sharedAdapterTests(server, { provider: 'anthropic', callIdPattern: /^toolu_/, maxTokensStop: 'a max_tokens stop' });

  it('sends tool calls and results as alternating messages with cache breakpoints on the stable prefix and the last block', async () => {
    server().script(replyText('Done.'));
    const transcript = toolCallHistory('toolu');
    await providerFor('anthropic', server()).complete(
      testRequest({ transcript, maxOutputTokens: 777 }),
      recordingHandlers(),
    );
    const body = recordedBody(server(), 0);
    expect(body).toMatchObject({ model: 'test-model', max_tokens: 777, stream: true });
    expect(body['system']).toEqual([
      { type: 'text', text: 'You are a test agent.', cache_control: { type: 'ephemeral' } },
    ]);
    const tools = body['tools'] as Array<Record<string, unknown>>;
    expect(tools.map((tool) => tool['name'])).toEqual(['read_file', 'write_file']);
    expect(tools[0]).not.toHaveProperty('cache_control');
    expect(tools[1]).toMatchObject({ input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } });
    expect(body['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Handoff: the user wants README.md fixed.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Reading two files.' },
          { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'README.md' } },
          { type: 'tool_use', id: 'toolu_2', name: 'read_file', input: { path: 'missing.md' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '# readme', is_error: false },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: 'missing.md does not exist', is_error: true },
          { type: 'text', text: 'Also check the docs.', cache_control: { type: 'ephemeral' } },
        ],
      },
    ]);
  });

  it('normalizes usage: input, cache reads and cache writes apart, output as reported', async () => {
    server().script(
      withUsage(replyText('Counted.'), {
        inputTokens: 120,
        cacheReadTokens: 3_000,
        cacheWriteTokens: 400,
        outputTokens: 57,
      }),
    );
    const response = await providerFor('anthropic', server()).complete(testRequest(), recordingHandlers());
    expect(response.usage).toEqual({
      inputTokens: 120,
      outputTokens: 57,
      cacheReadTokens: 3_000,
      cacheWriteTokens: 400,
      reasoningTokens: 0,
    });
  });
});
