import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { ofType } from '../../testing/engine/thread-events.js';
import { stdioFixture } from '../../testing/mcp/fixture-launch.js';
import { startClaudeCodeHarness, startCodexHarness } from '../../testing/agents/real-cli-kit.js';
import { startHttpMcpFixture, type HttpMcpFixture } from '../../testing/mcp/http-fixture-server.js';
import { replyText, replyToolCalls } from '../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../testing/model-server/server.js';
import { stopAllAgentProcesses } from '../agents/external/agent-process.js';
import { scriptedAgent } from '../agents/scripted-agent.js';
import { createAcpAgent } from '../agents/external/acp/acp-agent.js';

// The user's MCP servers reach external agents in their own formats; here the stdio and streamable HTTP test servers'
// tools are called by the ACP test agent (mcpServers in session/new), the real Claude Code CLI (--mcp-config) and the
// real Codex CLI (-c mcp_servers).
const ticketText = 'Ticket ABC-123: "Login button does nothing on Safari" (open, assigned to dana)';

let harness: EngineHarness | undefined;
let web: HttpMcpFixture | undefined;
let server: ModelServer | undefined;
afterEach(async () => {
  await stopAllAgentProcesses();
  await harness?.dispose();
  await server?.close();
  await web?.close();
  harness = server = web = undefined;
});

async function addFixture(engineHarness: EngineHarness): Promise<string> {
  const callLog = join(engineHarness.root, 'mcp-calls.jsonl');
  await engineHarness.engine.call('mcp/add', {
    name: 'fixture',
    server: stdioFixture({ env: { FIXTURE_MCP_LOG: callLog } }),
  });
  return callLog;
}

function loggedCalls(callLog: string): unknown[] {
  if (!existsSync(callLog)) return [];
  return readFileSync(callLog, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

/** A harness with the ACP test agent (and the scripted agent, for a team's subtasks, when `withScripted`). */
function startAcpFixture(withScripted = false): Promise<EngineHarness> {
  return startHarness({
    agents: (services) => [
      createAcpAgent(
        {
          name: 'fixture',
          label: 'Fixture agent',
          programs: [process.execPath],
          args: [
            '--import',
            pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href,
            resolve('testing/agents/fixture-acp-agent.ts'),
          ],
          install: 'It ships with the tests.',
          login: 'nothing to do',
        },
        services,
        { env: { FIXTURE_STATE: join(services.home, 'fixture-state.json') }, stopGraceMs: 500 },
      ),
      ...(withScripted ? [scriptedAgent] : []),
    ],
  });
}

describe("external agents and the user's MCP servers", () => {
  it('the ACP test agent calls the stdio server it was given in session/new', async () => {
    harness = await startAcpFixture();
    const callLog = await addFixture(harness);
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'mcp fixture lookup_ticket {"id":"abc-123"}',
      agent: 'acp:fixture',
    });
    const task = tasks[0]!;
    expect((await harness.waitFor(task.id, ['done', 'failed'], 45_000)).status).toBe('done');
    const events = await harness.threadOf(task.id);
    const text = ofType(events, 'agent.text')
      .map((event) => event.text)
      .join('');
    expect(text).toContain(`MCP said: ${ticketText}`);
    expect(loggedCalls(callLog)).toEqual([{ tool: 'lookup_ticket', input: { id: 'abc-123' } }]);
  });

  it('the ACP test agent calls a streamable HTTP server, with its secret header, through the stdio bridge', async () => {
    harness = await startAcpFixture();
    web = await startHttpMcpFixture({ requireHeader: { name: 'Authorization', value: 'Bearer web-secret' } });
    await harness.engine.call('mcp/add', {
      name: 'web',
      server: { transport: 'http', url: web.url, headers: { Authorization: 'Bearer web-secret' } },
    });
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'mcp web echo_upper {"text":"shout this"}',
      agent: 'acp:fixture',
    });
    expect((await harness.waitFor(tasks[0]!.id, ['done', 'failed'], 45_000)).status).toBe('done');
    const text = ofType(await harness.threadOf(tasks[0]!.id), 'agent.text')
      .map((event) => event.text)
      .join('');
    expect(text).toContain('MCP said: SHOUT THIS');
    expect(web.calls).toEqual([{ tool: 'echo_upper', input: { text: 'shout this' } }]);
  });

  it('an ACP agent leads a team: Flotilla’s team server reaches it through the stdio bridge', async () => {
    harness = await startAcpFixture(true);
    const spawn = { title: 'Docs', prompt: 'write docs.txt manual', agent: 'scripted' };
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: `mcp flotilla spawn_subtask ${JSON.stringify(spawn)}\nmcp flotilla wait_for_subtasks {"timeout":60}`,
      agent: 'acp:fixture',
      team: true,
    });
    const lead = tasks[0]!;
    expect((await harness.waitFor(lead.id, ['done', 'failed'], 45_000)).status).toBe('done');
    const subtasks = (await harness.engine.call('task/list', {})).tasks.filter((task) => task.id !== lead.id);
    expect(subtasks.map((task) => [task.title, task.status, task.team])).toEqual([
      ['Docs', 'done', { role: 'subtask', leadId: lead.id }],
    ]);
    const text = ofType(await harness.threadOf(lead.id), 'agent.text')
      .map((event) => event.text)
      .join('');
    expect(text).toContain(`MCP said: Started subtask ${subtasks[0]!.id} "Docs"`);
    expect(text).toContain('Finished.');
  });

  it(
    'the real Claude Code CLI calls the stdio server tool as mcp__fixture__lookup_ticket',
    { timeout: 90_000 },
    async () => {
      server = await startModelServer();
      harness = await startClaudeCodeHarness(server);
      const callLog = await addFixture(harness);
      server.script([
        replyToolCalls([{ name: 'mcp__fixture__lookup_ticket', arguments: { id: 'abc-123' } }]),
        replyText('The ticket is about the Safari login button.'),
      ]);
      const { tasks } = await harness.engine.call('task/create', {
        repoId: harness.repoId,
        prompt: 'What is ticket abc-123 about?',
        agent: 'claude-code',
        approvalMode: 'ask',
      });
      const task = tasks[0]!;
      // In ask mode Claude Code asks before a user's MCP tool (only Flotilla's team tools are allowed ahead).
      const asked = await harness.waitForEvent(task.id, (event) => event.type === 'approval.requested', 45_000);
      if (asked.type !== 'approval.requested') throw new Error('expected an approval request');
      expect(asked.tool).toBe('mcp__fixture__lookup_ticket');
      expect(loggedCalls(callLog)).toEqual([]);
      await harness.engine.call('task/approve', { taskId: task.id, requestId: asked.requestId, decision: 'approve' });
      const done = await harness.waitFor(task.id, ['done', 'failed'], 45_000);
      expect(done.lastError).toBeNull();
      expect(done.status).toBe('done');
      const events = await harness.threadOf(task.id);
      expect(ofType(events, 'tool.started').map((event) => event.name)).toContain('mcp__fixture__lookup_ticket');
      expect(loggedCalls(callLog)).toEqual([{ tool: 'lookup_ticket', input: { id: 'abc-123' } }]);
      const modelCalls = server.requests.filter((request) => request.api === 'anthropic');
      expect(JSON.stringify(modelCalls[0]?.body)).toContain('mcp__fixture__lookup_ticket');
      expect(JSON.stringify(modelCalls.at(-1)?.body)).toContain('Login button does nothing on Safari');
    },
  );

  it(
    'the real Claude Code CLI calls a user’s MCP tool without asking in approval mode auto',
    { timeout: 90_000 },
    async () => {
      server = await startModelServer();
      harness = await startClaudeCodeHarness(server);
      const callLog = await addFixture(harness);
      server.script([
        replyToolCalls([{ name: 'mcp__fixture__lookup_ticket', arguments: { id: 'abc-123' } }]),
        replyText('The ticket is about the Safari login button.'),
      ]);
      const { tasks } = await harness.engine.call('task/create', {
        repoId: harness.repoId,
        prompt: 'What is ticket abc-123 about?',
        agent: 'claude-code',
        approvalMode: 'auto',
      });
      const task = tasks[0]!;
      const done = await harness.waitFor(task.id, ['done', 'failed'], 45_000);
      expect(done.lastError).toBeNull();
      expect(done.status).toBe('done');
      expect((await harness.threadOf(task.id)).some((event) => event.type === 'approval.requested')).toBe(false);
      const events = await harness.threadOf(task.id);
      expect(ofType(events, 'tool.started').map((event) => event.name)).toContain('mcp__fixture__lookup_ticket');
      expect(loggedCalls(callLog)).toEqual([{ tool: 'lookup_ticket', input: { id: 'abc-123' } }]);
      const modelCalls = server.requests.filter((request) => request.api === 'anthropic');
      expect(JSON.stringify(modelCalls[0]?.body)).toContain('mcp__fixture__lookup_ticket');
      expect(JSON.stringify(modelCalls.at(-1)?.body)).toContain('Login button does nothing on Safari');
    },
  );

  it(
    'the real Claude Code CLI calls a streamable HTTP server tool as mcp__web__echo_upper, with its secret header',
    { timeout: 90_000 },
    async () => {
      server = await startModelServer();
      harness = await startClaudeCodeHarness(server);
      web = await startHttpMcpFixture({ requireHeader: { name: 'Authorization', value: 'Bearer web-secret' } });
      await harness.engine.call('mcp/add', {
        name: 'web',
        server: { transport: 'http', url: web.url, headers: { Authorization: 'Bearer web-secret' } },
      });
      server.script([
        replyToolCalls([{ name: 'mcp__web__echo_upper', arguments: { text: 'shout this' } }]),
        replyText('It said SHOUT THIS.'),
      ]);
      const { tasks } = await harness.engine.call('task/create', {
        repoId: harness.repoId,
        prompt: 'Shout this.',
        agent: 'claude-code',
        approvalMode: 'auto',
      });
      const task = tasks[0]!;
      const done = await harness.waitFor(task.id, ['done', 'failed'], 45_000);
      expect(done.lastError).toBeNull();
      expect(done.status).toBe('done');
      expect((await harness.threadOf(task.id)).some((event) => event.type === 'approval.requested')).toBe(false);
      const events = await harness.threadOf(task.id);
      expect(ofType(events, 'tool.started').map((event) => event.name)).toContain('mcp__web__echo_upper');
      expect(web.calls).toEqual([{ tool: 'echo_upper', input: { text: 'shout this' } }]);
      const modelCalls = server.requests.filter((request) => request.api === 'anthropic');
      expect(JSON.stringify(modelCalls.at(-1)?.body)).toContain('SHOUT THIS');
    },
  );

  // Codex asks before each call to a user's MCP tool (`mcpServer/elicitation/request`, `_meta.codex_approval_kind:
  // "mcp_tool_call"`); in approval mode auto Flotilla accepts it, as the built-in agent would run the call.
  it('the real Codex CLI calls the stdio server tool, which gets its secret environment variable', async () => {
    server = await startModelServer();
    harness = await startCodexHarness(server);
    const callLog = join(harness.root, 'mcp-calls.jsonl');
    await harness.engine.call('mcp/add', {
      name: 'fixture',
      server: stdioFixture({ env: { FIXTURE_MCP_LOG: callLog, TICKETS_TOKEN: 'tok-codex-secret' } }),
    });
    server.script([
      replyToolCalls([{ name: 'mcp__fixture__read_env', arguments: { name: 'TICKETS_TOKEN' } }]),
      replyText('The server has its token.'),
    ]);
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'Does the ticket server have its token?',
      agent: 'codex',
      model: 'openai:gpt-4.1',
    });
    const task = tasks[0]!;
    const done = await harness.waitFor(task.id, ['done', 'failed'], 90_000);
    expect(done.lastError).toBeNull();
    expect(done.status).toBe('done');
    expect(loggedCalls(callLog)).toEqual([{ tool: 'read_env', input: { name: 'TICKETS_TOKEN' } }]);
    expect(JSON.stringify(server.requests.at(-1)?.body)).toContain('tok-codex-secret');
  }, 120_000);
});
