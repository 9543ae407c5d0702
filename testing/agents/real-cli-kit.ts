import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClaudeCodeAgent } from '../../engine/agents/external/claude-code/claude-code-agent.js';
import { createCodexAgent } from '../../engine/agents/external/codex/codex-agent.js';
import type { Agent } from '../../engine/agents/agent.js';
import { startHarness, type EngineHarness } from '../engine/engine-harness.js';
import type { ModelServer } from '../model-server/server.js';

/** Files of the repository a real-CLI harness starts with. */
const demoFiles = { 'README.md': '# Demo\n' };

/**
 * A harness running the REAL Claude Code CLI (node_modules/.bin/claude) with Flotilla's own settings folder, its
 * Anthropic key and base URL pointing at the scripted model server, plus `extra` agents (say, the scripted one for a
 * team's subtasks).
 */
export async function startClaudeCodeHarness(
  models: ModelServer,
  extra: readonly Agent[] = [],
): Promise<EngineHarness> {
  const harness = await startHarness({
    files: demoFiles,
    agents: (services) => [
      createClaudeCodeAgent(services, { env: { HOME: join(services.home, 'user-home') }, stopGraceMs: 500 }),
      ...extra,
    ],
  });
  mkdirSync(join(harness.home, 'user-home'), { recursive: true });
  writeFileSync(
    join(harness.home, 'agents.json'),
    JSON.stringify({ agents: { 'claude-code': { path: resolve('node_modules/.bin/claude') } } }),
  );
  await harness.engine.call('provider/update', {
    provider: 'anthropic',
    settings: { apiKey: 'test-key', baseUrl: models.url },
  });
  return harness;
}

/** A harness running the REAL Codex CLI (node_modules/.bin/codex) against the scripted model server, as above. */
export async function startCodexHarness(models: ModelServer, extra: readonly Agent[] = []): Promise<EngineHarness> {
  const harness = await startHarness({
    files: demoFiles,
    agents: (services) => [
      createCodexAgent(services, {
        // Codex refuses to set up its sandbox helper when CODEX_HOME lies under TMPDIR, as temp test homes do.
        env: { HOME: join(services.home, 'user-home'), TMPDIR: join(services.home, '..', 'codex-tmp') },
        stopGraceMs: 500,
      }),
      ...extra,
    ],
  });
  mkdirSync(join(harness.home, 'user-home'), { recursive: true });
  mkdirSync(join(harness.root, 'codex-tmp'), { recursive: true });
  writeFileSync(
    join(harness.home, 'agents.json'),
    JSON.stringify({ agents: { codex: { path: resolve('node_modules/.bin/codex') } } }),
  );
  await harness.engine.call('provider/update', {
    provider: 'openai',
    settings: { apiKey: 'test-key', baseUrl: `${models.url}/v1` },
  });
  return harness;
}
