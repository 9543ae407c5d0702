import { afterEach, describe, expect, it } from 'vitest';
import { dropMidStream, replySlowly } from './scenario-steps.js';
import { startModelServer, type ModelServer } from './server.js';
import { assembleAnthropic, assembleChat, iterateSse, postJson, readSse, requestBodies } from './test-client.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('scripted faults', () => {
  it('drops the connection part-way, so the stream ends early without message_stop, and the retry succeeds', async () => {
    server = await startModelServer();
    const body = requestBodies.anthropic('go [[scenario:droppedStream]]');
    const { messages, error } = await readSse(await postJson(`${server.url}/v1/messages`, body));
    expect(error).not.toBeNull();
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.some((message) => message.event === 'message_stop')).toBe(false);
    await server.settled();
    expect(server.requests[0]).toMatchObject({ outcome: 'dropped', step: 'drop' });
    const retry = assembleAnthropic((await readSse(await postJson(`${server.url}/v1/messages`, body))).messages);
    expect(retry.text).toBe('Answered on the retry.');
  });

  it('drops a non-streaming answer part-way through its JSON', async () => {
    server = await startModelServer({ script: [dropMidStream('never whole')] });
    const response = await postJson(`${server.url}/v1/chat/completions`, requestBodies.chat('go', false));
    await expect(response.text()).rejects.toThrow();
  });

  it('answers 429 with retry-after-ms first and the reply on the next request (rateLimited)', async () => {
    server = await startModelServer();
    const body = requestBodies.chat('go [[scenario:rateLimited]]');
    const limited = await postJson(`${server.url}/v1/chat/completions`, body);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after-ms'))).toBeGreaterThan(0);
    expect(limited.headers.get('retry-after')).toBe('1');
    await limited.text();
    expect(
      assembleChat((await readSse(await postJson(`${server.url}/v1/chat/completions`, body))).messages).text,
    ).toContain('rate limit cleared');
  });

  it('paces slow deltas and stops writing as soon as the client aborts', async () => {
    server = await startModelServer({ script: [replySlowly('x'.repeat(200), 40, 2)] });
    const controller = new AbortController();
    const response = await postJson(`${server.url}/v1/messages`, requestBodies.anthropic('slow'), {
      signal: controller.signal,
    });
    const started = Date.now();
    let deltas = 0;
    await expect(
      (async () => {
        for await (const message of iterateSse(response)) {
          if (message.event === 'content_block_delta') deltas += 1;
          if (deltas === 3) controller.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    await server.settled();
    // The full stream would take 100 deltas × 40 ms = 4 s; the server must notice the abort long before that.
    expect(Date.now() - started).toBeLessThan(1500);
    const record = server.requests[0];
    expect(record?.outcome).toBe('clientAborted');
    expect(record?.eventsWritten).toBeLessThan(20);
  });
});
