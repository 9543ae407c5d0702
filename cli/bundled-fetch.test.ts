import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEngine, type RemoteEngine } from '../engine/host/ws-client.js';
import { rateLimited, splitToolCall } from '../testing/model-server/scenarios.js';
import { startModelServer, type ModelServer } from '../testing/model-server/server.js';
import { createTempRepo, makeTempDir, removeTemp } from '../testing/engine/temp-repo.js';
import { repoRoot, startFlotilla, type FlotillaProcess } from '../testing/flotilla-process.js';

// Node's fetch, Headers, Response and FormData live in this one built-in module; loading it costs the engine ~12 MB
// resident for good. The bundled engine's model calls must get by without it (engine/net/fetch-classes.ts).
const undici = 'NativeModule internal/deps/undici/undici';

describe("the bundled engine's built-in agent and Node's fetch", () => {
  let temp: string;
  let model: ModelServer;
  let engine: FlotillaProcess | null = null;
  let api: RemoteEngine | null = null;

  beforeEach(async () => {
    temp = makeTempDir();
    // splitToolCall plays once per task, one task after another.
    model = await startModelServer({ scenarios: [{ ...splitToolCall, loop: true }, rateLimited] });
  });

  afterEach(async () => {
    await api?.close();
    await engine?.stop();
    api = null;
    engine = null;
    await model.close();
    removeTemp(temp);
  });

  it('streams tool calls and retries a rate limit over all three wire formats without ever loading undici', async () => {
    const loaded = join(temp, 'builtins.txt');
    engine = await startFlotilla({
      home: join(temp, 'home'),
      env: {
        ANTHROPIC_BASE_URL: model.url,
        ANTHROPIC_API_KEY: 'test',
        OPENAI_BASE_URL: `${model.url}/v1`,
        OPENAI_API_KEY: 'test',
        OPENAI_COMPATIBLE_BASE_URL: `${model.url}/v1`,
        OPENAI_COMPATIBLE_API_KEY: 'test',
        NODE_OPTIONS: `--import ${pathToFileURL(join(repoRoot, 'testing', 'net', 'record-builtins.mjs')).href}`,
        FLOTILLA_TEST_BUILTINS_FILE: loaded,
      },
    });
    api = await connectEngine({ url: engine.origin, token: engine.token });
    const repo = createTempRepo({ 'README.md': '# demo\n' }, temp);
    const { repo: added } = await api.call('repo/add', { path: repo.path });

    const runs = [
      { model: 'anthropic:claude-sonnet-4-6', scenario: 'splitToolCall' },
      { model: 'openai:gpt-5', scenario: 'splitToolCall' },
      { model: 'compatible:llama3', scenario: 'splitToolCall' },
      { model: 'anthropic:claude-sonnet-4-6', scenario: 'rateLimited' },
    ];
    for (const [index, run] of runs.entries()) {
      const { tasks } = await api.call('task/create', {
        repoId: added.id,
        prompt: `Write note ${index + 1} [[scenario:${run.scenario}]]`,
        agent: 'builtin',
        model: run.model,
      });
      const taskId = tasks[0]!.id;
      await expect
        .poll(async () => (await api!.call('task/get', { taskId })).task.status, { timeout: 30_000 })
        .toMatch(/done|failed/);
      const { events } = await api.call('task/events', { taskId });
      const text = JSON.stringify(events);
      expect((await api.call('task/get', { taskId })).task.status, `${run.model} ${run.scenario}: ${text}`).toBe(
        'done',
      );
      if (run.scenario === 'splitToolCall') {
        expect(text).toContain('I wrote notes/hello.txt.');
        const { diff } = await api.call('task/diff', { taskId });
        expect(diff.files.map((file) => file.path)).toEqual(['notes/hello.txt']);
      }
    }
    expect(model.failures).toEqual([]);

    await api.close();
    api = null;
    await engine.stop();
    engine = null;
    expect(existsSync(loaded), 'the engine wrote the built-in modules it loaded when it exited').toBe(true);
    const modules = readFileSync(loaded, 'utf8').split('\n');
    expect(modules).toContain('NativeModule internal/webstreams/readablestream');
    expect(modules).not.toContain(undici);
  });
});
