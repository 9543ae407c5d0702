import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

const agentsFile = () => join(harness!.home, 'agents.json');
const agentsJson = () => JSON.parse(readFileSync(agentsFile(), 'utf8')) as { agents: Record<string, unknown> };

describe('configuring external agents from Settings', () => {
  test('lists what can be set for each agent', async () => {
    harness = await startHarness();
    const { agents } = await harness.engine.call('agent/list', {});
    const byId = Object.fromEntries(agents.map((agent) => [agent.id, agent]));
    expect(byId['claude-code']).toMatchObject({ configurable: true, path: null, configHome: 'flotilla' });
    expect(byId['codex']).toMatchObject({ configurable: true, path: null, configHome: 'flotilla' });
    expect(byId['acp:gemini']).toMatchObject({ configurable: true, path: null, configHome: null });
    expect(byId['builtin']).toMatchObject({ configurable: false, path: null, configHome: null });
  });

  test('sets and clears a program path, keeping the rest of agents.json', async () => {
    harness = await startHarness();
    writeFileSync(
      agentsFile(),
      JSON.stringify({
        agents: { 'acp:mine': { name: 'Mine', path: 'mine-agent', args: ['--acp'], env: { MODE: 'x' } } },
      }),
    );
    const missing = join(harness.root, 'no-such-claude');
    const { agent } = await harness.engine.call('agent/configure', { agentId: 'claude-code', path: missing });
    expect(agent).toMatchObject({ id: 'claude-code', path: missing, available: false });
    expect(agent.detail).toContain(`${missing} (the path set for it in Settings) is not an executable file.`);
    expect(agentsJson().agents).toEqual({
      'acp:mine': { name: 'Mine', path: 'mine-agent', args: ['--acp'], env: { MODE: 'x' } },
      'claude-code': { path: missing },
    });

    const cleared = await harness.engine.call('agent/configure', { agentId: 'claude-code', path: null });
    expect(cleared.agent.path).toBeNull();
    expect(agentsJson().agents).toEqual({
      'acp:mine': { name: 'Mine', path: 'mine-agent', args: ['--acp'], env: { MODE: 'x' } },
    });
  });

  test('switches Claude Code and Codex to the user’s own login and back', async () => {
    harness = await startHarness();
    expect(
      (await harness.engine.call('agent/configure', { agentId: 'codex', configHome: 'user' })).agent.configHome,
    ).toBe('user');
    expect(agentsJson().agents).toEqual({ codex: { configHome: 'user' } });
    expect((await harness.engine.call('agent/list', {})).agents.find((agent) => agent.id === 'codex')?.configHome).toBe(
      'user',
    );
    expect(
      (await harness.engine.call('agent/configure', { agentId: 'codex', configHome: 'flotilla' })).agent.configHome,
    ).toBe('flotilla');
    expect(agentsJson().agents).toEqual({});
  });

  test('refuses what cannot be set, and never rewrites a broken agents.json', async () => {
    harness = await startHarness();
    await expect(
      harness.engine.call('agent/configure', { agentId: 'builtin', path: '/usr/bin/true' }),
    ).rejects.toMatchObject({ code: 'invalidInput' });
    await expect(
      harness.engine.call('agent/configure', { agentId: 'acp:gemini', configHome: 'user' }),
    ).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringContaining('only Claude Code and Codex do'),
    });
    await expect(harness.engine.call('agent/configure', { agentId: 'nope', path: 'x' })).rejects.toMatchObject({
      code: 'notFound',
    });
    writeFileSync(agentsFile(), '{ "agents": { ');
    await expect(harness.engine.call('agent/configure', { agentId: 'codex', path: 'codex' })).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringMatching(/agents\.json is not valid JSON .* Fix the file first; nothing was changed\.$/),
    });
    expect(readFileSync(agentsFile(), 'utf8')).toBe('{ "agents": { ');
    expect(existsSync(`${agentsFile()}.${process.pid}.tmp`)).toBe(false);
  });
});

describe('model choices per agent', () => {
  test('each agent offers its own models in its own form, and says what an empty field means', async () => {
    const saved = {
      ANTHROPIC_API_KEY: process.env.ANTHROPIC_API_KEY,
      OPENAI_API_KEY: process.env.OPENAI_API_KEY,
      OPENAI_COMPATIBLE_BASE_URL: process.env.OPENAI_COMPATIBLE_BASE_URL,
    };
    for (const key of Object.keys(saved)) delete process.env[key];
    try {
      harness = await startHarness();
      await harness.engine.call('provider/update', { provider: 'openai', settings: { apiKey: 'sk-test' } });
      await harness.engine.call('settings/update', { defaultModel: 'openai:gpt-5-mini' });
      const { agents } = await harness.engine.call('agent/list', {});
      const byId = Object.fromEntries(agents.map((agent) => [agent.id, agent]));
      const builtin = byId['builtin']!;
      expect(builtin).toMatchObject({ defaultModel: 'openai:gpt-5-mini', acceptsModel: true });
      const ids = builtin.models!.map((model) => model.id);
      expect(ids.every((id) => /^(anthropic|openai|compatible):/.test(id))).toBe(true);
      // The provider with a key comes first; the others say why they would not work yet.
      expect(ids[0]).toMatch(/^openai:/);
      expect(builtin.models!.find((model) => model.id === 'anthropic:claude-sonnet-4-6')).toEqual({
        id: 'anthropic:claude-sonnet-4-6',
        detail: 'no key set',
      });
      expect(builtin.models!.find((model) => model.id === 'openai:gpt-5')).toEqual({ id: 'openai:gpt-5' });

      const claude = byId['claude-code']!;
      expect(claude.models!.slice(0, 3).map((model) => model.id)).toEqual(['sonnet', 'opus', 'haiku']);
      expect(claude.models!.map((model) => model.id)).toContain('claude-sonnet-4-6');
      expect(claude.models!.some((model) => model.id.includes(':'))).toBe(false);
      expect(claude).toMatchObject({
        defaultModel: null,
        acceptsModel: true,
        modelHint: expect.stringContaining('alias (sonnet, opus, haiku)'),
      });

      const codex = byId['codex']!;
      expect(codex.models!.map((model) => model.id)).toEqual(expect.arrayContaining(['gpt-5-codex', 'gpt-5']));
      expect(codex.models!.some((model) => model.id.startsWith('anthropic') || model.id.includes(':'))).toBe(false);

      expect(byId['acp:gemini']).toMatchObject({
        models: [],
        acceptsModel: false,
        modelHint: 'Gemini CLI (ACP) picks its own model; Flotilla does not pass one on.',
      });
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
