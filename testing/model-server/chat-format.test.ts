import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bash, failMidStream, readFile, replyMaxTokens, replyText, replyToolCalls } from './scenario-steps.js';
import { startModelServer, type ModelServer } from './server.js';
import { assembleChat, postJson, readSse, requestBodies } from './test-client.js';

let server: ModelServer;
beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

const chatUrl = () => `${server.url}/v1/chat/completions`;

describe('OpenAI Chat Completions', () => {
  it('streams text deltas, a finish_reason, a final usage chunk and then [DONE]', async () => {
    server.script(
      replyText('Plain chat answer, streamed.', {
        usage: { inputTokens: 10, cacheReadTokens: 5, outputTokens: 7, reasoningTokens: 2 },
      }),
    );
    const { messages, error } = await readSse(await postJson(chatUrl(), requestBodies.chat('hi')));
    expect(error).toBeNull();
    expect(messages.every((message) => message.event === null)).toBe(true);
    expect(messages.at(-1)?.data).toBe('[DONE]');
    const usageChunk = JSON.parse(messages.at(-2)?.data ?? '{}') as Record<string, unknown>;
    expect(usageChunk).toMatchObject({ object: 'chat.completion.chunk', choices: [] });
    const reply = assembleChat(messages);
    expect(reply).toMatchObject({ text: 'Plain chat answer, streamed.', stop: 'stop' });
    expect(reply.usage).toMatchObject({
      prompt_tokens: 15,
      completion_tokens: 7,
      total_tokens: 22,
      prompt_tokens_details: { cached_tokens: 5 },
      completion_tokens_details: { reasoning_tokens: 2 },
    });
    expect(messages.filter((message) => message.data.includes('"content":"')).length).toBeGreaterThan(2);
  });

  it('streams tool_calls deltas keyed by index that reassemble into both calls', async () => {
    server.script(replyToolCalls([readFile('package.json'), bash('npm test', 60_000)], { chunkSize: 2 }));
    const { messages } = await readSse(await postJson(chatUrl(), requestBodies.chat('go')));
    const reply = assembleChat(messages);
    expect(reply.stop).toBe('tool_calls');
    expect(reply.toolCalls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
      ['read_file', { path: 'package.json' }],
      ['bash', { command: 'npm test', timeout_ms: 60_000 }],
    ]);
    expect(new Set(reply.toolCalls.map((call) => call.id)).size).toBe(2);
  });

  it('sends no usage chunk without stream_options.include_usage, and says length when cut off', async () => {
    server.script(replyMaxTokens('cut'));
    const { messages } = await readSse(await postJson(chatUrl(), requestBodies.chat('hi', true, false)));
    expect(messages.some((message) => message.data.includes('"usage"'))).toBe(false);
    expect(assembleChat(messages)).toMatchObject({ text: 'cut', stop: 'length' });
  });

  it('answers stream:false with a chat.completion carrying tool_calls and usage', async () => {
    server.script(replyToolCalls([bash('ls')]));
    const body = (await (await postJson(chatUrl(), requestBodies.chat('hi', false))).json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'chat.completion',
      choices: [
        {
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ type: 'function', function: { name: 'bash', arguments: '{"command":"ls"}' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: expect.any(Number) },
    });
  });

  it('breaks a stream off with a data: {error} chunk and no [DONE]', async () => {
    server.script(failMidStream('Not going to finish this.', 'overloaded', 1));
    const { messages } = await readSse(await postJson(chatUrl(), requestBodies.chat('hi')));
    expect(JSON.parse(messages.at(-1)?.data ?? '{}')).toMatchObject({
      error: { type: 'server_error', code: 'server_is_overloaded' },
    });
    expect(messages.some((message) => message.data === '[DONE]')).toBe(false);
  });
});
