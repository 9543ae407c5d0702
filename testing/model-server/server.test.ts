import { Anthropic } from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { readFile, replyText, replyToolCalls } from './scenario-steps.js';
import { startModelServer, type ModelServer } from './server.js';
import { assembleAnthropic, assembleChat, assembleResponses, postJson, readSse, requestBodies } from './test-client.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof startModelServer>[0] = {}): Promise<ModelServer> {
  server = await startModelServer(options);
  return server;
}

const anthropicHeaders = { 'anthropic-version': '2023-06-01' };

describe('scripted model server', () => {
  it('answers HEAD / and GET / with 200 on 127.0.0.1', async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const head = await fetch(`${url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(await (await fetch(url)).json()).toEqual({ ok: true, name: 'scripted model server' });
  });

  it('lists models in the shape of the calling SDK, including one per scenario', async () => {
    const { url } = await start();
    const anthropic = (await (await fetch(`${url}/v1/models`, { headers: anthropicHeaders })).json()) as {
      data: { type: string; id: string }[];
    };
    expect(anthropic.data.map((model) => model.id)).toContain('scenario:readFailingEditCorrectedEditBashDone');
    expect(anthropic.data[0]?.type).toBe('model');
    const openai = (await (await fetch(`${url}/v1/models`)).json()) as { object: string; data: { object: string }[] };
    expect(openai.object).toBe('list');
    expect(openai.data[0]?.object).toBe('model');
  });

  it('serves the models endpoints the real SDKs call, and answers 401 to a key it was not given', async () => {
    const { url } = await start({ apiKeys: ['good-key'] });
    const anthropic = new Anthropic({ apiKey: 'good-key', baseURL: url, maxRetries: 0 });
    const listed: string[] = [];
    for await (const model of anthropic.models.list()) listed.push(model.id);
    expect(listed).toContain('scripted-model');
    expect((await anthropic.models.retrieve('scripted-model')).id).toBe('scripted-model');
    const openai = new OpenAI({ apiKey: 'good-key', baseURL: `${url}/v1`, maxRetries: 0 });
    const models = await openai.models.list();
    expect(models.data.map((model) => model.id)).toContain('scripted-model');
    expect((await openai.models.retrieve('scripted-model')).object).toBe('model');

    const wrongAnthropic = new Anthropic({ apiKey: 'bad-key', baseURL: url, maxRetries: 0 });
    await expect(wrongAnthropic.models.list()).rejects.toMatchObject({
      status: 401,
      error: { error: { type: 'authentication_error' } },
    });
    const wrongOpenAI = new OpenAI({ apiKey: 'bad-key', baseURL: `${url}/v1`, maxRetries: 0 });
    await expect(wrongOpenAI.models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    await expect(
      wrongOpenAI.chat.completions.create({ model: 'scripted-model', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('answers unknown paths with 404 in the calling API error shape', async () => {
    const { url } = await start();
    const openai = await fetch(`${url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(openai.status).toBe(404);
    expect(await openai.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'unknown_url' } });
    const anthropic = await fetch(`${url}/v1/messages`, { headers: anthropicHeaders });
    expect(anthropic.status).toBe(404);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('records method, path, query, headers and parsed body of every request', async () => {
    const { url, requests } = await start({ script: [replyText('one')] });
    await (
      await postJson(`${url}/v1/messages?beta=true`, requestBodies.anthropic('record me'), {
        headers: { ...anthropicHeaders, 'x-custom': 'yes' },
      })
    ).text();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      number: 1,
      method: 'POST',
      path: '/v1/messages',
      query: { beta: 'true' },
      api: 'anthropic',
      scenario: 'script',
      step: 'text',
      status: 200,
      body: { model: 'claude-test', messages: [{ role: 'user', content: 'record me' }] },
    });
    expect(requests[0]?.headers['x-custom']).toBe('yes');
  });

  it('accepts OpenAI paths without the /v1 prefix', async () => {
    const { url } = await start({ script: [replyText('no prefix')] });
    const reply = assembleChat(
      (await readSse(await postJson(`${url}/chat/completions`, requestBodies.chat('hi')))).messages,
    );
    expect(reply.text).toBe('no prefix');
  });

  it('answers a clear 500 instead of hanging when no scripted step is left', async () => {
    const active = await start({ script: [replyText('only one')] });
    await (await postJson(`${active.url}/v1/chat/completions`, requestBodies.chat('first'))).text();
    const second = await postJson(`${active.url}/v1/chat/completions`, requestBodies.chat('second'));
    expect(second.status).toBe(500);
    expect(second.headers.get('x-should-retry')).toBe('false');
    const body = (await second.json()) as { error: { message: string } };
    expect(body.error.message).toContain('scripted model server: no scripted response left for request #2');
    expect(active.failures).toEqual([expect.stringContaining('no scripted response left for request #2')]);
  });

  it('refuses requests past the cap with a 500 and records capExceeded', async () => {
    const active = await start({ maxRequests: 2, script: [replyText('a'), replyText('b'), replyText('c')] });
    for (const prompt of ['1', '2'])
      expect((await postJson(`${active.url}/v1/messages`, requestBodies.anthropic(prompt, false))).status).toBe(200);
    expect(active.capExceeded).toBe(false);
    const third = await postJson(`${active.url}/v1/messages`, requestBodies.anthropic('3', false), {
      headers: anthropicHeaders,
    });
    expect(third.status).toBe(500);
    expect(await third.json()).toMatchObject({
      error: { type: 'api_error', message: expect.stringContaining('scripted model server: request cap 2 reached') },
    });
    expect(active.capExceeded).toBe(true);
    expect(active.remaining()).toBe(1);
  });

  it('mints unique message, response and tool call ids across requests', async () => {
    const step = replyToolCalls([readFile('a'), readFile('b')], { text: 'x' });
    const active = await start({ script: Array.from({ length: 6 }, () => step) });
    const ids: string[] = [];
    for (let round = 0; round < 2; round += 1) {
      const anthropic = assembleAnthropic(
        (await readSse(await postJson(`${active.url}/v1/messages`, requestBodies.anthropic('go')))).messages,
      );
      const responses = assembleResponses(
        (await readSse(await postJson(`${active.url}/v1/responses`, requestBodies.responses('go')))).messages,
      );
      const chat = assembleChat(
        (await readSse(await postJson(`${active.url}/v1/chat/completions`, requestBodies.chat('go')))).messages,
      );
      for (const reply of [anthropic, responses, chat])
        ids.push(reply.id ?? '', ...reply.toolCalls.map((call) => call.id));
    }
    expect(ids).toHaveLength(18);
    expect(ids.every((id) => id.length > 8)).toBe(true);
    expect(new Set(ids).size).toBe(18);
  });

  it('plays a named scenario step by step for a conversation carrying its marker', async () => {
    const active = await start({ script: [replyText('default queue stays untouched')] });
    const messages: unknown[] = [
      { role: 'user', content: 'Fix the README [[scenario:readFailingEditCorrectedEditBashDone]]' },
    ];
    const toolNames: string[] = [];
    let finalText = '';
    for (let step = 0; step < 5; step += 1) {
      const body = { ...requestBodies.anthropic(''), messages };
      const reply = assembleAnthropic((await readSse(await postJson(`${active.url}/v1/messages`, body))).messages);
      toolNames.push(...reply.toolCalls.map((call) => call.name));
      if (reply.stop === 'end_turn') finalText = reply.text;
      messages.push({ role: 'assistant', content: reply.text || 'tool' }, { role: 'user', content: 'tool result' });
    }
    expect(toolNames).toEqual(['read_file', 'edit_file', 'edit_file', 'bash']);
    expect(finalText).toMatch(/^Done/);
    const sixth = await postJson(`${active.url}/v1/messages`, { ...requestBodies.anthropic(''), messages });
    expect(sixth.status).toBe(500);
    expect(await sixth.text()).toContain('has used all 5 steps');
    expect(active.remaining()).toBe(1);
  });

  it('selects a scenario by the model name scenario:NAME, and loops looping scenarios', async () => {
    const { url } = await start();
    const chat = assembleChat(
      (
        await readSse(
          await postJson(`${url}/v1/chat/completions`, { ...requestBodies.chat('hi'), model: 'scenario:textOnly' }),
        )
      ).messages,
    );
    expect(chat.text).toContain('Hello from the scripted model');
    const kinds: (string | null)[] = [];
    for (let round = 0; round < 3; round += 1) {
      kinds.push(
        assembleResponses(
          (
            await readSse(
              await postJson(`${url}/v1/responses`, { ...requestBodies.responses('hi'), model: 'scenario:demo' }),
            )
          ).messages,
        ).stop,
      );
    }
    expect(kinds).toEqual(['completed', 'completed', 'completed']);
    const unknown = await postJson(`${url}/v1/responses`, { ...requestBodies.responses('hi'), model: 'scenario:nope' });
    expect(await unknown.text()).toContain('unknown scenario \\"nope\\"');
  });
});
