import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProvider } from '../agents/builtin/providers/check-provider.js';
import { startModelServer, type ModelServer } from '../../testing/model-server/server.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
let model: ModelServer | null = null;
const servers: Server[] = [];
const saved = {
  ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY,
  ANTHROPIC_BASE_URL: process.env.ANTHROPIC_BASE_URL,
  OPENAI_API_KEY: process.env.OPENAI_API_KEY,
  OPENAI_BASE_URL: process.env.OPENAI_BASE_URL,
};
afterEach(async () => {
  await harness?.dispose();
  await model?.close();
  harness = null;
  model = null;
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** A plain HTTP server on 127.0.0.1 that answers every request with `answer` (or never, when null). */
async function plainServer(
  answer: ((request: IncomingMessage) => { status: number; body: string; type?: string }) | null,
): Promise<string> {
  const server = createServer((request, response) => {
    if (!answer) return;
    const { status, body, type } = answer(request);
    response.writeHead(status, { 'content-type': type ?? 'application/json' });
    response.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function setUp(): Promise<{ h: EngineHarness; url: string }> {
  for (const key of Object.keys(saved)) delete process.env[key];
  model = await startModelServer({ apiKeys: ['right-key'] });
  harness = await startHarness();
  return { h: harness, url: model.url };
}

describe('provider/test and provider/models', () => {
  it('lists the models of the stored settings, or of values typed but not saved, in provider:model form', async () => {
    const { h, url } = await setUp();
    await h.engine.call('provider/update', { provider: 'anthropic', settings: { apiKey: 'right-key', baseUrl: url } });
    const stored = await h.engine.call('provider/test', { provider: 'anthropic' });
    expect(stored.ok).toBe(true);
    expect(stored.message).toMatch(/answered at http:\/\/127\.0\.0\.1:\d+: the key works and \d+ models are available/);
    expect(stored.models.map((choice) => choice.id)).toContain('anthropic:scripted-model');
    expect((await h.engine.call('provider/models', { provider: 'anthropic' })).models).toEqual(stored.models);

    // Typed, not saved: nothing is stored, and the OpenAI SDK's list works against a compatible server.
    const typed = await h.engine.call('provider/test', {
      provider: 'compatible',
      apiKey: 'right-key',
      baseUrl: `${url}/v1`,
    });
    expect(typed).toMatchObject({ ok: true });
    expect(typed.models.map((choice) => choice.id)).toContain('compatible:scripted-model');
    expect((await h.engine.call('provider/list', {})).providers.compatible).toEqual({
      baseUrl: null,
      hasApiKey: false,
    });
    const openai = await h.engine.call('provider/test', {
      provider: 'openai',
      apiKey: 'right-key',
      baseUrl: `${url}/v1`,
    });
    expect(openai.models.map((choice) => choice.id)).toContain('openai:scripted-model');
  });

  it('says a rejected key was rejected, and never echoes it', async () => {
    const { h, url } = await setUp();
    const result = await h.engine.call('provider/test', {
      provider: 'anthropic',
      apiKey: 'sk-ant-wrong-secret',
      baseUrl: url,
    });
    expect(result).toEqual({
      ok: false,
      models: [],
      message:
        'Anthropic rejected the API key (HTTP 401). Check that it was copied whole and is still active, or make a new one, then paste it again.',
    });
    const openai = await h.engine.call('provider/test', {
      provider: 'openai',
      apiKey: 'sk-wrong-secret',
      baseUrl: `${url}/v1`,
    });
    expect(openai.message).toMatch(/^OpenAI rejected the API key \(HTTP 401\)/);
    await h.engine.call('provider/update', {
      provider: 'anthropic',
      settings: { apiKey: 'sk-ant-wrong-secret', baseUrl: url },
    });
    await expect(h.engine.call('provider/models', { provider: 'anthropic' })).rejects.toMatchObject({
      code: 'providerUnavailable',
      message: expect.stringMatching(/rejected the API key/),
    });

    // A server that quotes the key back in its error: the message shows it masked.
    const echo = await plainServer((request) => ({
      status: 400,
      body: JSON.stringify({ error: { message: `bad key ${request.headers.authorization ?? ''}` } }),
    }));
    const echoed = await h.engine.call('provider/test', {
      provider: 'compatible',
      apiKey: 'sk-echo-secret',
      baseUrl: echo,
    });
    expect(echoed.ok).toBe(false);
    expect(echoed.message).toContain('bad key Bearer •••');
    expect(echoed.message).not.toContain('sk-echo-secret');
  });

  it('tells apart a server that is not running, one that is not that kind of API, a missing key and a missing base URL', async () => {
    const { h, url } = await setUp();
    const closed = await plainServer(null);
    servers.pop()?.close();
    const refused = await h.engine.call('provider/test', { provider: 'compatible', baseUrl: `${closed}/v1` });
    expect(refused).toEqual({
      ok: false,
      models: [],
      message: `Nothing is listening at ${closed}/v1 (connection refused). Is the server running? Check the base URL and its port.`,
    });

    const web = await plainServer(() => ({ status: 200, body: '<html>hello</html>', type: 'text/html' }));
    const page = await h.engine.call('provider/test', { provider: 'compatible', baseUrl: web });
    expect(page.message).toBe(
      `Something answered at ${web}, but not as an OpenAI-compatible API: its answer to GET /models is not a model list. Check the base URL (it usually ends in /v1).`,
    );
    const missing = await plainServer(() => ({ status: 404, body: '{}' }));
    expect(
      (await h.engine.call('provider/test', { provider: 'anthropic', apiKey: 'k', baseUrl: missing })).message,
    ).toBe(
      `Something answered at ${missing}, but not as the Anthropic API: GET /models gave HTTP 404. Check the base URL.`,
    );

    expect((await h.engine.call('provider/test', { provider: 'openai', baseUrl: `${url}/v1` })).message).toBe(
      'No OpenAI API key is set. Paste one in the key field, or set OPENAI_API_KEY where the engine runs.',
    );
    expect((await h.engine.call('provider/test', { provider: 'compatible' })).message).toBe(
      'Set the base URL of the server first, for example http://localhost:11434/v1 for Ollama.',
    );
    expect(
      (await h.engine.call('provider/test', { provider: 'compatible', baseUrl: 'localhost:11434' })).message,
    ).toMatch(/not an http:\/\/ or https:\/\/ address/);
  });

  it('gives up after its timeout when the server never answers', async () => {
    const silent = await plainServer(null);
    const result = await checkProvider('compatible', { apiKey: null, baseUrl: silent }, 300);
    expect(result).toEqual({
      ok: false,
      models: [],
      message: `No answer from ${silent} within 300 ms. Check the base URL, and that no proxy or firewall is in the way.`,
    });
  });
});
