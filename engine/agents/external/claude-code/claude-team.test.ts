import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../../../testing/model-server/server.js';
import { replyText, replyToolCalls } from '../../../../testing/model-server/scenario-steps.js';
import { subtaskIdsOf } from '../../../../testing/model-server/team-scenarios.js';
import type { EngineHarness } from '../../../../testing/engine/engine-harness.js';
import { startClaudeCodeHarness } from '../../../../testing/agents/real-cli-kit.js';
import { ofType } from '../../../../testing/engine/thread-events.js';
import { scriptedAgent } from '../../scripted-agent.js';
import { stopAllAgentProcesses } from '../agent-process.js';

// The REAL Claude Code CLI (node_modules/.bin/claude) against the scripted model server, leading a team through
// Flotilla's MCP server.

let server: ModelServer;
let harness: EngineHarness;

beforeEach(async () => {
  server = await startModelServer();
  harness = await startClaudeCodeHarness(server, [scriptedAgent]);
});

afterEach(async () => {
  await stopAllAgentProcesses();
  await harness.dispose();
  await server.close();
});

describe('Claude Code as a team lead, over Flotilla’s MCP server (real CLI)', () => {
  it('spawns a subtask with mcp__flotilla__spawn_subtask, waits for it and merges it into its branch', async () => {
    server.script([
      replyToolCalls(
        [
          {
            name: 'mcp__flotilla__spawn_subtask',
            arguments: { title: 'Docs', prompt: 'write docs.txt manual\nsay docs done', agent: 'scripted' },
          },
        ],
        { text: 'Delegating the docs.' },
      ),
      replyToolCalls([{ name: 'mcp__flotilla__wait_for_subtasks', arguments: { timeout: 60 } }]),
      replyToolCalls((request) => [
        { name: 'mcp__flotilla__merge_subtask', arguments: { id: subtaskIdsOf(request)[0] ?? 'missing' } },
      ]),
      replyText('The docs subtask is merged into my branch.'),
    ]);
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'Write the docs, through a subtask.',
      agent: 'claude-code',
      team: true,
    });
    const lead = tasks[0]!;
    const done = await harness.waitFor(lead.id, ['done', 'failed'], 90_000);
    expect(done.lastError).toBeNull();
    expect(done.status).toBe('done');

    const subtasks = (await harness.engine.call('task/list', {})).tasks.filter((task) => task.id !== lead.id);
    expect(subtasks).toHaveLength(1);
    const subtask = subtasks[0]!;
    expect(subtask.team).toEqual({ role: 'subtask', leadId: lead.id });
    expect(subtask.title).toBe('Docs');
    expect(subtask.status).toBe('merged');
    // The subtask's work is in the lead's worktree and branch.
    expect(readFileSync(join(lead.worktreePath, 'docs.txt'), 'utf8')).toBe('manual');

    // The thread shows the MCP calls as tool rows, all succeeded.
    const events = await harness.threadOf(lead.id);
    const started = ofType(events, 'tool.started').map((event) => event.name);
    expect(started).toEqual([
      'mcp__flotilla__spawn_subtask',
      'mcp__flotilla__wait_for_subtasks',
      'mcp__flotilla__merge_subtask',
    ]);
    expect(ofType(events, 'tool.finished').every((event) => event.ok)).toBe(true);

    // Claude Code got the team server from a private config file, and the spawn result reached the model.
    const configFile = join(harness.home, 'agents', 'mcp', `${lead.id}.json`);
    expect(existsSync(configFile)).toBe(true);
    expect(statSync(configFile).mode & 0o077).toBe(0);
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { mcpServers: Record<string, { url: string }> };
    expect(Object.keys(config.mcpServers)).toEqual(['flotilla']);
    const calls = server.requests.filter((request) => request.api === 'anthropic');
    expect(subtaskIdsOf(JSON.stringify(calls[1]?.body))).toEqual([subtask.id]);
    expect(server.failures).toEqual([]);
  }, 120_000);

  it('refuses MCP calls without the task’s token, and a subtask’s call to spawn', async () => {
    server.script([replyText('Nothing to do.')]);
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'Wait.',
      agent: 'claude-code',
      team: true,
    });
    const lead = tasks[0]!;
    await harness.waitFor(lead.id, ['done', 'failed'], 60_000);
    const configFile = join(harness.home, 'agents', 'mcp', `${lead.id}.json`);
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as {
      mcpServers: Record<string, { url: string; headers: Record<string, string> }>;
    };
    const { url, headers } = config.mcpServers['flotilla']!;
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
    const post = (auth: Record<string, string>, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify(body),
      });
    expect((await post({}, list)).status).toBe(401);
    expect((await post({ Authorization: 'Bearer not-the-token' }, list)).status).toBe(401);
    const listed = (await (await post(headers, list)).json()) as { result: { tools: { name: string }[] } };
    expect(listed.result.tools.map((tool) => tool.name).sort()).toEqual([
      'list_subtasks',
      'merge_subtask',
      'read_messages',
      'send_message',
      'spawn_subtask',
      'wait_for_subtasks',
    ]);
  }, 90_000);
});
