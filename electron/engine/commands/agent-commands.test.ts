import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startHarness, type EngineHarness } from '../test-support/engine-harness.js';

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
    writeFileSync(agentsFile(), JSON.stringify({ agents: { 'acp:mine': { name: 'Mine', path: 'mine-agent', args: ['--acp'], env: { MODE: 'x' } } } }));
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
    expect(agentsJson().agents).toEqual({ 'acp:mine': { name: 'Mine', path: 'mine-agent', args: ['--acp'], env: { MODE: 'x' } } });
  });

  test('switches Claude Code and Codex to the user’s own login and back', async () => {
    harness = await startHarness();
    expect((await harness.engine.call('agent/configure', { agentId: 'codex', configHome: 'user' })).agent.configHome).toBe('user');
    expect(agentsJson().agents).toEqual({ codex: { configHome: 'user' } });
    expect((await harness.engine.call('agent/list', {})).agents.find((agent) => agent.id === 'codex')?.configHome).toBe('user');
    expect((await harness.engine.call('agent/configure', { agentId: 'codex', configHome: 'flotilla' })).agent.configHome).toBe('flotilla');
    expect(agentsJson().agents).toEqual({});
  });

  test('refuses what cannot be set, and never rewrites a broken agents.json', async () => {
    harness = await startHarness();
    await expect(harness.engine.call('agent/configure', { agentId: 'builtin', path: '/usr/bin/true' })).rejects.toMatchObject({ code: 'invalidInput' });
    await expect(harness.engine.call('agent/configure', { agentId: 'acp:gemini', configHome: 'user' })).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringContaining('only Claude Code and Codex do'),
    });
    await expect(harness.engine.call('agent/configure', { agentId: 'nope', path: 'x' })).rejects.toMatchObject({ code: 'notFound' });
    writeFileSync(agentsFile(), '{ "agents": { ');
    await expect(harness.engine.call('agent/configure', { agentId: 'codex', path: 'codex' })).rejects.toMatchObject({
      code: 'invalidInput',
      message: expect.stringMatching(/agents\.json is not valid JSON .* Fix the file first; nothing was changed\.$/),
    });
    expect(readFileSync(agentsFile(), 'utf8')).toBe('{ "agents": { ');
    expect(existsSync(`${agentsFile()}.${process.pid}.tmp`)).toBe(false);
  });
});
