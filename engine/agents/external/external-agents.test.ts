import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTemp } from '../../../testing/engine/temp-repo.js';
import type { AgentServices } from '../agent.js';
import { parseAgentSettings, readAgentSettings } from './agent-settings.js';
import { createExternalAgents } from './external-agents.js';
import { agentModel } from './external-options.js';

let home: string;
const services = (): AgentServices => ({
  home,
  providerConfig: () => ({ apiKey: null, baseUrl: null }),
  prices: () => ({}),
});

beforeEach(() => {
  home = makeTempDir();
});
afterEach(() => {
  removeTemp(home);
});

describe('agents.json', () => {
  it('is optional: without it every external agent uses its defaults', () => {
    expect(readAgentSettings(home)).toMatchObject({ entries: {}, problem: null });
    expect(createExternalAgents(services()).map((agent) => agent.id)).toEqual([
      'claude-code',
      'codex',
      'acp:gemini',
      'acp:claude',
      'acp:codex',
    ]);
  });

  it('adds the user’s own ACP agents under their own names', () => {
    writeFileSync(
      join(home, 'agents.json'),
      JSON.stringify({
        agents: {
          'acp:my-agent': { name: 'My agent', path: '/opt/my-agent', args: ['--stdio'] },
          'acp:gemini': { args: ['--experimental-acp'] },
        },
      }),
    );
    const agents = createExternalAgents(services());
    expect(agents.map((agent) => [agent.id, agent.name]).slice(2)).toEqual([
      ['acp:gemini', 'Gemini CLI (ACP)'],
      ['acp:claude', 'Claude Code (ACP adapter)'],
      ['acp:codex', 'Codex (ACP adapter)'],
      ['acp:my-agent', 'My agent'],
    ]);
  });

  it('explains what is wrong with an invalid file, and every external agent reports it', async () => {
    const path = join(home, 'agents.json');
    expect(parseAgentSettings('{ nope', path).problem).toMatch(/is not valid JSON/);
    expect(parseAgentSettings(JSON.stringify({ agents: { aider: { path: 'aider' } } }), path).problem).toContain(
      'agents.aider: unknown agent; use "claude-code", "codex" or "acp:<name>"',
    );
    expect(parseAgentSettings(JSON.stringify({ agents: { 'acp:Bad Name': { path: 'x' } } }), path).problem).toContain(
      'must use lower-case letters, digits and dashes',
    );
    expect(parseAgentSettings(JSON.stringify({ agents: { codex: { args: ['--x'] } } }), path).problem).toContain(
      'only "path", "env" and "configHome" apply to codex',
    );
    expect(
      parseAgentSettings(JSON.stringify({ agents: { 'claude-code': { configHome: 'mine' } } }), path).problem,
    ).toContain('agents.claude-code.configHome');
    expect(parseAgentSettings(JSON.stringify({ agents: { codex: { colour: 'red' } } }), path).problem).toContain(
      'colour',
    );

    writeFileSync(path, JSON.stringify({ agents: { codex: { path: 42 } } }));
    for (const agent of createExternalAgents(services())) {
      const availability = await agent.detect();
      expect(availability.available).toBe(false);
      expect(availability.detail).toContain('agents.codex.path');
    }
  });

  it('tells how to set up a custom ACP agent that has no command', async () => {
    writeFileSync(join(home, 'agents.json'), JSON.stringify({ agents: { 'acp:half-done': { name: 'Half done' } } }));
    const agent = createExternalAgents(services()).find((candidate) => candidate.id === 'acp:half-done');
    const availability = await agent?.detect();
    expect(availability?.available).toBe(false);
    expect(availability?.detail).toContain('Set "path" (and "args") for "acp:half-done" in agents.json');
  });
});

describe('task models for CLI agents', () => {
  it('passes the model name without Flotilla’s provider prefix, and ignores another provider’s model', () => {
    expect(agentModel('anthropic:claude-sonnet-4-6', 'anthropic')).toEqual({
      name: 'claude-sonnet-4-6',
      ignored: null,
    });
    expect(agentModel('sonnet', 'anthropic')).toEqual({ name: 'sonnet', ignored: null });
    expect(agentModel('openai:gpt-5', 'anthropic')).toEqual({ name: null, ignored: 'openai:gpt-5' });
    expect(agentModel(null, 'openai')).toEqual({ name: null, ignored: null });
  });
});
