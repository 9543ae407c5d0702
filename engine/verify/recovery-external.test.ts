import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopAllAgentProcesses } from '../agents/external/agent-process.js';
import { createClaudeCodeAgent } from '../agents/external/claude-code/claude-code-agent.js';
import { createCodexAgent } from '../agents/external/codex/codex-agent.js';
import type { EngineHarness } from '../../testing/engine/engine-harness.js';
import { ofType } from '../../testing/engine/thread-events.js';
import { replyText, replyToolCalls } from '../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../testing/model-server/server.js';
import { fixedByRetry, settled, startVerifyHarness, verifyResults } from '../../testing/engine/verify-kit.js';

// The real Claude Code and Codex CLIs (node_modules/.bin) against the scripted model server.
let harness: EngineHarness | null = null;
let server: ModelServer | null = null;
afterEach(async () => {
  await stopAllAgentProcesses();
  await harness?.dispose();
  await server?.close();
  harness = null;
  server = null;
});

describe('recovery with the external agents', () => {
  it('Claude Code (the real CLI on the scripted model server) gets the failure in the same session and fixes it', async () => {
    server = await startModelServer({
      script: [
        replyToolCalls([{ name: 'Write', arguments: { file_path: 'a.txt', content: 'one\n' } }], { text: 'Writing.' }),
        replyText('Wrote a.txt.'),
        replyToolCalls([{ name: 'Write', arguments: { file_path: 'fixed.txt', content: 'ok\n' } }], {
          text: 'Fixing.',
        }),
        replyText('Fixed.'),
      ],
    });
    harness = await startVerifyHarness(
      { verifyCommand: fixedByRetry },
      {
        agents: (services) => [
          createClaudeCodeAgent(services, { env: { HOME: join(services.home, 'user-home') }, stopGraceMs: 500 }),
        ],
      },
    );
    mkdirSync(join(harness.home, 'user-home'), { recursive: true });
    writeFileSync(
      join(harness.home, 'agents.json'),
      JSON.stringify({ agents: { 'claude-code': { path: resolve('node_modules/.bin/claude') } } }),
    );
    await harness.engine.call('provider/update', {
      provider: 'anthropic',
      settings: { apiKey: 'test-key', baseUrl: server.url },
    });
    const created = await harness.createTask('Write a.txt.', { agent: 'claude-code' });
    const task = await harness.waitFor(created.id, [...settled], 60_000);
    expect(task.lastError).toBeNull();
    expect(task.lastVerify?.passed).toBe(true);
    const thread = await harness.threadOf(task.id);
    expect(verifyResults(thread).map((event) => event.result.outcome)).toEqual(['failed', 'passed']);
    const calls = server.requests.filter((request) => request.api === 'anthropic');
    const retry = JSON.stringify((calls[2]?.body as { messages: unknown[] }).messages);
    expect(retry).toContain('Write a.txt.');
    expect(retry).toContain('The checks failed after your changes');
    expect(ofType(thread, 'notice').filter((event) => event.message.startsWith('Claude Code session '))).toHaveLength(
      1,
    );
    expect(readFileSync(join(task.worktreePath, 'fixed.txt'), 'utf8')).toBe('ok\n');
    expect(server.failures).toEqual([]);
  });

  it('Codex (the real CLI on the scripted model server) gets the failure in the same thread and fixes it', async () => {
    const model = 'openai:gpt-5.5';
    server = await startModelServer({
      script: [
        replyToolCalls([{ name: 'exec_command', arguments: { cmd: "printf 'one\\n' > a.txt" } }], { text: 'Writing.' }),
        replyText('Wrote a.txt.'),
        replyToolCalls([{ name: 'exec_command', arguments: { cmd: "printf 'ok\\n' > fixed.txt" } }], {
          text: 'Fixing.',
        }),
        replyText('Fixed.'),
      ],
    });
    harness = await startVerifyHarness(
      { verifyCommand: fixedByRetry },
      {
        agents: (services) => [
          createCodexAgent(services, {
            // Codex refuses to set up its sandbox helper when CODEX_HOME lies under TMPDIR, as temp test homes do.
            env: { HOME: join(services.home, 'user-home'), TMPDIR: join(services.home, '..', 'codex-tmp') },
            stopGraceMs: 500,
            transport: 'auto',
          }),
        ],
      },
    );
    mkdirSync(join(harness.home, 'user-home'), { recursive: true });
    mkdirSync(join(harness.root, 'codex-tmp'), { recursive: true });
    writeFileSync(
      join(harness.home, 'agents.json'),
      JSON.stringify({ agents: { codex: { path: resolve('node_modules/.bin/codex') } } }),
    );
    await harness.engine.call('provider/update', {
      provider: 'openai',
      settings: { apiKey: 'test-key', baseUrl: `${server.url}/v1` },
    });
    const created = await harness.createTask('Write a.txt.', { agent: 'codex', model });
    const task = await harness.waitFor(created.id, [...settled], 60_000);
    expect(task.lastError).toBeNull();
    expect(task.lastVerify?.passed).toBe(true);
    const thread = await harness.threadOf(task.id);
    expect(verifyResults(thread).map((event) => event.result.outcome)).toEqual(['failed', 'passed']);
    const calls = server.requests.filter((request) => request.api === 'responses');
    const retry = JSON.stringify((calls[2]?.body as { input: unknown[] }).input);
    expect(retry).toContain('Write a.txt.');
    expect(retry).toContain('The checks failed after your changes');
    expect(ofType(thread, 'notice').filter((event) => event.message.startsWith('Codex session '))).toHaveLength(1);
    expect(readFileSync(join(task.worktreePath, 'fixed.txt'), 'utf8')).toBe('ok\n');
    expect(server.failures).toEqual([]);
  });
});
