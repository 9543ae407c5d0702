import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyText, replyToolCalls } from '../../../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../../../testing/model-server/server.js';
import { subtaskIdsOf } from '../../../../testing/model-server/team-scenarios.js';
import type { EngineHarness } from '../../../../testing/engine/engine-harness.js';
import { startCodexHarness } from '../../../../testing/agents/real-cli-kit.js';
import { ofType } from '../../../../testing/engine/thread-events.js';
import { scriptedAgent } from '../../scripted-agent.js';
import { stopAllAgentProcesses } from '../agent-process.js';

// The REAL Codex CLI (node_modules/.bin/codex app-server) against the scripted model server, leading a team through
// Flotilla's MCP server. A model Codex offers MCP tools to directly (in a `mcp__flotilla` namespace); for models with
// tool search Codex defers them behind its tool_search tool, which the scripted server does not play.
const model = 'openai:gpt-4.1';

let server: ModelServer;
let harness: EngineHarness;

beforeEach(async () => {
  server = await startModelServer();
  harness = await startCodexHarness(server, [scriptedAgent]);
});

afterEach(async () => {
  await stopAllAgentProcesses();
  await harness.dispose();
  await server.close();
});

describe('Codex as a team lead, over Flotilla’s MCP server (real CLI)', () => {
  it('spawns a subtask, waits for it and merges it into its branch', async () => {
    server.script([
      replyToolCalls([
        {
          name: 'mcp__flotilla__spawn_subtask',
          arguments: { title: 'Docs', prompt: 'write docs.txt manual\nsay docs done', agent: 'scripted' },
        },
      ]),
      replyToolCalls([{ name: 'mcp__flotilla__wait_for_subtasks', arguments: { timeout: 60 } }]),
      replyToolCalls((request) => [
        { name: 'mcp__flotilla__merge_subtask', arguments: { id: subtaskIdsOf(request)[0] ?? 'missing' } },
      ]),
      replyText('The docs subtask is merged.'),
    ]);
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'Write the docs, through a subtask.',
      agent: 'codex',
      model,
      team: true,
    });
    const lead = tasks[0]!;
    const done = await harness.waitFor(lead.id, ['done', 'failed'], 90_000);
    expect(done.lastError).toBeNull();

    const subtasks = (await harness.engine.call('task/list', {})).tasks.filter((task) => task.id !== lead.id);
    expect(subtasks.map((task) => [task.title, task.status, task.team])).toEqual([
      ['Docs', 'merged', { role: 'subtask', leadId: lead.id }],
    ]);
    expect(readFileSync(join(lead.worktreePath, 'docs.txt'), 'utf8')).toBe('manual');
    const events = await harness.threadOf(lead.id);
    const finished = ofType(events, 'tool.finished');
    expect(finished.length).toBeGreaterThanOrEqual(3);
    expect(finished.every((event) => event.ok)).toBe(true);
    // Codex offered the model Flotilla's team tools in their own namespace.
    const first = JSON.stringify(server.requests[0]?.body);
    expect(first).toContain('"mcp__flotilla"');
    expect(server.failures).toEqual([]);
  }, 120_000);
});
