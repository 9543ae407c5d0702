import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  failHttp,
  failMidStream,
  readFile,
  replyMaxTokens,
  replyText,
  replyToolCalls,
  writeFile,
} from './scenario-steps.js';
import { startModelServer, type ModelServer } from './server.js';
import { assembleAnthropic, postJson, readSse, requestBodies } from './test-client.js';

let server: ModelServer;
beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

const messagesUrl = () => `${server.url}/v1/messages?beta=true`;
const headers = { 'anthropic-version': '2023-06-01', 'x-api-key': 'test-key' };

describe('Anthropic Messages', () => {
  it('streams text as several deltas framed by message_start, ping and message_stop', async () => {
    server.script(
      replyText('Hello from the scripted model, in pieces.', {
        usage: { inputTokens: 120, outputTokens: 9, cacheReadTokens: 40, cacheWriteTokens: 7 },
      }),
    );
    const response = await postJson(messagesUrl(), requestBodies.anthropic('hi'), { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const { messages, error } = await readSse(response);
    expect(error).toBeNull();
    const names = messages.map((message) => message.event);
    expect(names.slice(0, 3)).toEqual(['message_start', 'ping', 'content_block_start']);
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(names.filter((name) => name === 'content_block_delta').length).toBeGreaterThan(2);
    for (const message of messages) expect((JSON.parse(message.data) as { type: string }).type).toBe(message.event);
    const reply = assembleAnthropic(messages);
    expect(reply.text).toBe('Hello from the scripted model, in pieces.');
    expect(reply.stop).toBe('end_turn');
    expect(reply.usage).toEqual({
      input_tokens: 120,
      output_tokens: 9,
      cache_read_input_tokens: 40,
      cache_creation_input_tokens: 7,
    });
    expect(server.requests[0]).toMatchObject({
      api: 'anthropic',
      path: '/v1/messages',
      query: { beta: 'true' },
      stream: true,
      outcome: 'completed',
    });
    expect(server.requests[0]?.headers['x-api-key']).toBe('test-key');
  });

  it('streams two tool_use blocks whose input_json_delta pieces reassemble into the arguments', async () => {
    server.script(
      replyToolCalls([readFile('README.md', { limit: 20 }), writeFile('a.txt', 'one\ntwo "quoted"\n')], {
        text: 'Working.',
        chunkSize: 3,
      }),
    );
    const { messages } = await readSse(await postJson(messagesUrl(), requestBodies.anthropic('go'), { headers }));
    const reply = assembleAnthropic(messages);
    expect(reply.text).toBe('Working.');
    expect(reply.stop).toBe('tool_use');
    expect(reply.toolCalls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
      ['read_file', { path: 'README.md', limit: 20 }],
      ['write_file', { path: 'a.txt', content: 'one\ntwo "quoted"\n' }],
    ]);
    expect(reply.toolCalls.every((call) => call.id.startsWith('toolu_'))).toBe(true);
    const argumentDeltas = messages.filter((message) => message.data.includes('input_json_delta'));
    expect(argumentDeltas.length).toBeGreaterThan(10);
  });

  it('answers stream:false with a whole message', async () => {
    server.script(replyToolCalls([readFile('x.ts')], { text: 'Reading.' }));
    const response = await postJson(messagesUrl(), requestBodies.anthropic('go', false), { headers });
    const message = (await response.json()) as Record<string, unknown>;
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      stop_reason: 'tool_use',
      content: [
        { type: 'text', text: 'Reading.' },
        { type: 'tool_use', name: 'read_file', input: { path: 'x.ts' } },
      ],
    });
    expect(response.headers.get('request-id')).toMatch(/^req_/);
  });

  it('reports max_tokens as the stop reason', async () => {
    server.script(replyMaxTokens('cut off mid-sen'));
    const reply = assembleAnthropic(
      (await readSse(await postJson(messagesUrl(), requestBodies.anthropic('go'), { headers }))).messages,
    );
    expect(reply).toMatchObject({ text: 'cut off mid-sen', stop: 'max_tokens' });
  });

  it('answers overloaded with HTTP 529 overloaded_error and bad requests with 400 invalid_request_error', async () => {
    server.script([failHttp('overloaded'), failHttp('badRequest'), failHttp('authentication')]);
    const overloaded = await postJson(messagesUrl(), requestBodies.anthropic('go'), { headers });
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
      request_id: expect.stringMatching(/^req_/),
    });
    const invalid = await postJson(messagesUrl(), requestBodies.anthropic('go'), { headers });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const unauthorized = await postJson(messagesUrl(), requestBodies.anthropic('go'), { headers });
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({ error: { type: 'authentication_error' } });
  });

  it('breaks a stream off with an error event after the scripted number of deltas', async () => {
    server.script(failMidStream('This will not finish.', 'overloaded', 1));
    const { messages, error } = await readSse(
      await postJson(messagesUrl(), requestBodies.anthropic('go'), { headers }),
    );
    expect(error).toBeNull();
    expect(messages.filter((message) => message.event === 'content_block_delta')).toHaveLength(1);
    expect(messages.at(-1)?.event).toBe('error');
    expect(JSON.parse(messages.at(-1)?.data ?? '{}')).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: expect.any(String) },
    });
    expect(messages.some((message) => message.event === 'message_stop')).toBe(false);
  });

  it('rejects a body without messages with 400 and does not consume a scripted step', async () => {
    server.script(replyText('kept'));
    const response = await postJson(messagesUrl(), { model: 'claude-test', max_tokens: 10 }, { headers });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.stringContaining('messages') },
    });
    expect(server.remaining()).toBe(1);
  });
});
