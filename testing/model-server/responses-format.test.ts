import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failHttp, failMidStream, glob, grep, replyMaxTokens, replyText, replyToolCalls } from './scenario-steps.js';
import { startModelServer, type ModelServer } from './server.js';
import { assembleResponses, postJson, readSse, requestBodies } from './test-client.js';

let server: ModelServer;
beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

const responsesUrl = () => `${server.url}/v1/responses`;

describe('OpenAI Responses', () => {
  it('streams text and two function calls whose argument deltas reassemble, with increasing sequence numbers', async () => {
    server.script(
      replyToolCalls([glob('**/*.ts'), grep('TODO', 'src')], { text: 'Searching the code.', chunkSize: 4 }),
    );
    const { messages, error } = await readSse(await postJson(responsesUrl(), requestBodies.responses('find todos')));
    expect(error).toBeNull();
    const events = messages.map((message) => JSON.parse(message.data) as { type: string; sequence_number: number });
    expect(events.map((event) => event.type)).toEqual(messages.map((message) => message.event));
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events[0]?.type).toBe('response.created');
    expect(events.at(-1)?.type).toBe('response.completed');
    expect(events.filter((event) => event.type === 'response.function_call_arguments.done')).toHaveLength(2);
    const reply = assembleResponses(messages);
    expect(reply.text).toBe('Searching the code.');
    expect(reply.toolCalls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
      ['glob', { pattern: '**/*.ts' }],
      ['grep', { pattern: 'TODO', path: 'src' }],
    ]);
    expect(reply.toolCalls.every((call) => call.id.startsWith('call_'))).toBe(true);
  });

  it('reports usage with cached and reasoning token details on response.completed', async () => {
    server.script(
      replyText('ok', { usage: { inputTokens: 100, cacheReadTokens: 900, outputTokens: 50, reasoningTokens: 30 } }),
    );
    const reply = assembleResponses(
      (await readSse(await postJson(responsesUrl(), requestBodies.responses('hi')))).messages,
    );
    expect(reply.stop).toBe('completed');
    expect(reply.usage).toEqual({
      input_tokens: 1000,
      input_tokens_details: { cached_tokens: 900 },
      output_tokens: 50,
      output_tokens_details: { reasoning_tokens: 30 },
      total_tokens: 1050,
    });
  });

  it('ends a max-tokens reply with response.incomplete and reason max_output_tokens', async () => {
    server.script(replyMaxTokens('truncat'));
    const { messages } = await readSse(await postJson(responsesUrl(), requestBodies.responses('hi')));
    expect(messages.at(-1)?.event).toBe('response.incomplete');
    expect(assembleResponses(messages)).toMatchObject({ text: 'truncat', stop: 'max_output_tokens' });
  });

  it('answers stream:false with the final response object', async () => {
    server.script(replyToolCalls([glob('*.md')]));
    const body = (await (await postJson(responsesUrl(), requestBodies.responses('hi', false))).json()) as Record<
      string,
      unknown
    >;
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      output: [{ type: 'function_call', name: 'glob', arguments: '{"pattern":"*.md"}', status: 'completed' }],
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
  });

  it('sends an error event carrying the next sequence number when the stream fails', async () => {
    server.script(failMidStream('Breaking soon.', 'server', 2));
    const { messages } = await readSse(await postJson(responsesUrl(), requestBodies.responses('hi')));
    const last = JSON.parse(messages.at(-1)?.data ?? '{}') as Record<string, unknown>;
    expect(last).toMatchObject({ type: 'error', code: 'server_error', sequence_number: messages.length - 1 });
    expect(messages.filter((message) => message.event === 'response.output_text.delta')).toHaveLength(2);
  });

  it('answers a rate limit with 429, retry-after-ms and retry-after in the OpenAI error shape', async () => {
    server.script(failHttp('rateLimit', { retryAfterMs: 1500 }));
    const response = await postJson(responsesUrl(), requestBodies.responses('hi'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after-ms')).toBe('1500');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
  });
});
