import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startHarness, type EngineHarness } from '../../../testing/engine/engine-harness.js';
import { eventsOf, startBuiltinTask, threadOf, useModelServer } from '../../../testing/agents/e2e-test-kit.js';
import { stdioFixture } from '../../../testing/mcp/fixture-launch.js';
import { startHttpMcpFixture, type HttpMcpFixture } from '../../../testing/mcp/http-fixture-server.js';
import { replyText, replyToolCalls } from '../../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../../testing/model-server/server.js';
import { deniedToolResult } from './tool-calls.js';

let server: ModelServer | undefined;
let harness: EngineHarness | undefined;
let web: HttpMcpFixture | undefined;
afterEach(async () => {
  await harness?.dispose();
  await server?.close();
  await web?.close();
  harness = server = web = undefined;
});

async function setUp(): Promise<{ server: ModelServer; harness: EngineHarness; callLog: string }> {
  server = await startModelServer();
  harness = await startHarness();
  await useModelServer(harness, server);
  const callLog = join(harness.root, 'mcp-calls.jsonl');
  await harness.engine.call('mcp/add', {
    name: 'fixture',
    server: stdioFixture({ env: { FIXTURE_MCP_LOG: callLog } }),
  });
  return { server, harness, callLog };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !check(); tries += 1) {
    if (tries > 400) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function loggedCalls(callLog: string): unknown[] {
  if (!existsSync(callLog)) return [];
  return readFileSync(callLog, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe("the built-in agent and the user's MCP servers, over the real SDKs", () => {
  test.each([{ model: 'anthropic:claude-sonnet-4-6' }, { model: 'openai:gpt-5' }, { model: 'compatible:llama3' }])(
    'calls a stdio and a streamable HTTP server tool as server__tool; the results reach $model',
    async ({ model }) => {
      const { server, harness, callLog } = await setUp();
      web = await startHttpMcpFixture({ requireHeader: { name: 'Authorization', value: 'Bearer web-secret' } });
      await harness.engine.call('mcp/add', {
        name: 'web',
        repoId: harness.repoId,
        server: { transport: 'http', url: web.url, headers: { Authorization: 'Bearer web-secret' } },
      });
      const task = await startBuiltinTask(harness, 'What is ticket abc-123 about? [[scenario:mcpTools]]', { model });
      const done = await harness.waitFor(task.id, ['done', 'failed']);
      expect(done.status).toBe('done');
      // The model was offered the servers' tools by their namespaced names, with the servers' own schemas.
      const offered = JSON.stringify(server.requests[0]?.body);
      expect(offered).toContain('fixture__lookup_ticket');
      expect(offered).toContain('web__echo_upper');
      expect(offered).toContain('Looks up a ticket of the issue tracker by its id.');
      // Both calls are tool rows in the thread, with the servers' answers.
      const events = await threadOf(harness, task.id);
      expect(eventsOf(events, 'tool.started').map((event) => event.name)).toEqual([
        'fixture__lookup_ticket',
        'web__echo_upper',
      ]);
      const finished = eventsOf(events, 'tool.finished');
      expect(finished.map((event) => event.ok)).toEqual([true, true]);
      expect(finished[0]?.result).toBe(
        'Ticket ABC-123: "Login button does nothing on Safari" (open, assigned to dana)',
      );
      expect(finished[1]?.result).toBe('OVER HTTP');
      // The results went back to the model in its next request.
      const second = JSON.stringify(server.requests[1]?.body);
      expect(second).toContain('Login button does nothing on Safari');
      expect(second).toContain('OVER HTTP');
      // The calls reached the servers themselves.
      expect(loggedCalls(callLog)).toEqual([{ tool: 'lookup_ticket', input: { id: 'abc-123' } }]);
      expect(web.calls).toEqual([{ tool: 'echo_upper', input: { text: 'over http' } }]);
    },
  );

  test('a server that crashes at start is a notice saying why; the task goes on with the others', async () => {
    const { harness, callLog } = await setUp();
    await harness.engine.call('mcp/add', { name: 'broken', server: stdioFixture({ mode: 'crash' }) });
    const task = await startBuiltinTask(harness, 'Look the ticket up. [[scenario:mcpLookup]]');
    const done = await harness.waitFor(task.id, ['done', 'failed']);
    expect(done.status).toBe('done');
    const notices = eventsOf(await threadOf(harness, task.id), 'notice').map((event) => event.message);
    const crash = notices.find((message) => message.includes('"broken"'));
    expect(crash).toContain('did not start');
    expect(crash).toContain('exited with code 3');
    expect(crash).toContain('cannot open the ticket database');
    expect(loggedCalls(callLog)).toHaveLength(1);
    // Each server's state says how the task's start of it went.
    const { servers } = await harness.engine.call('mcp/list', {});
    expect(servers.map((one) => [one.name, one.check?.ok, one.check?.message.split('.')[0]])).toEqual([
      ['fixture', true, '4 tools'],
      ['broken', false, 'The server exited with code 3 before it answered'],
    ]);
  });

  test('in ask mode an MCP call waits for the user; approved, it runs', async () => {
    const { harness, callLog } = await setUp();
    const task = await startBuiltinTask(harness, 'Look the ticket up. [[scenario:mcpLookup]]', { approvalMode: 'ask' });
    const asked = await harness.waitForEvent(task.id, (event) => event.type === 'approval.requested');
    if (asked.type !== 'approval.requested') throw new Error('expected an approval request');
    expect(asked.tool).toBe('fixture__lookup_ticket');
    expect(asked.summary).toContain('lookup_ticket');
    expect((await harness.engine.call('task/get', { taskId: task.id })).task.status).toBe('awaitingApproval');
    // Nothing reached the server while the user has not answered.
    expect(loggedCalls(callLog)).toEqual([]);
    await harness.engine.call('task/approve', { taskId: task.id, requestId: asked.requestId, decision: 'approve' });
    expect((await harness.waitFor(task.id, ['done', 'failed'])).status).toBe('done');
    expect(loggedCalls(callLog)).toEqual([{ tool: 'lookup_ticket', input: { id: 'abc-123' } }]);
  });

  test('a task keeps its server connection across turns and stops the server when its work ends', async () => {
    const { server, harness, callLog } = await setUp();
    const starts = join(harness.root, 'mcp-starts.txt');
    await harness.engine.call('mcp/add', {
      name: 'fixture',
      server: stdioFixture({ env: { FIXTURE_MCP_LOG: callLog, FIXTURE_MCP_STARTS: starts } }),
      replace: true,
    });
    server.script([
      replyToolCalls([{ name: 'fixture__lookup_ticket', arguments: { id: 'abc-123' } }]),
      replyText('Looked it up.'),
      replyToolCalls([{ name: 'fixture__echo_upper', arguments: { text: 'second turn' } }]),
      replyText('Shouted it.'),
    ]);
    const task = await startBuiltinTask(harness, 'Look the ticket up.', { approvalMode: 'ask' });
    const first = await harness.waitForEvent(task.id, (event) => event.type === 'approval.requested');
    if (first.type !== 'approval.requested') throw new Error('expected an approval request');
    // The follow-up waits, so both turns run in one go of the task.
    await harness.engine.call('task/send', { taskId: task.id, text: 'Now shout something.' });
    await harness.engine.call('task/approve', { taskId: task.id, requestId: first.requestId, decision: 'approve' });
    const second = await harness.waitForEvent(
      task.id,
      (event) => event.type === 'approval.requested' && event.requestId !== first.requestId,
    );
    if (second.type !== 'approval.requested') throw new Error('expected an approval request');
    await harness.engine.call('task/approve', { taskId: task.id, requestId: second.requestId, decision: 'approve' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);
    expect((await harness.waitFor(task.id, ['done', 'failed'])).status).toBe('done');
    expect(loggedCalls(callLog)).toEqual([
      { tool: 'lookup_ticket', input: { id: 'abc-123' } },
      { tool: 'echo_upper', input: { text: 'second turn' } },
    ]);
    const pids = readFileSync(starts, 'utf8').trim().split('\n').map(Number);
    expect(pids).toHaveLength(1);
    await waitUntil(() => !isAlive(pids[0]!), 'the MCP server to stop once the task has no more turns');
  });

  test('Stop ends a running MCP tool call at once; the task is stopped', async () => {
    const { server, harness, callLog } = await setUp();
    server.script([replyToolCalls([{ name: 'fixture__sleep_ms', arguments: { ms: 600_000 } }])]);
    const task = await startBuiltinTask(harness, 'Wait for the server.');
    await harness.waitForEvent(task.id, (event) => event.type === 'tool.started');
    await waitUntil(() => loggedCalls(callLog).length === 1, 'the call to reach the server');
    await harness.engine.call('task/stop', { taskId: task.id });
    expect((await harness.waitFor(task.id, ['stopped', 'done', 'failed'])).status).toBe('stopped');
    const finished = eventsOf(await threadOf(harness, task.id), 'tool.finished');
    expect(finished.map((event) => [event.ok, event.result])).toEqual([[false, 'Stopped: the task was stopped.']]);
  });

  test('in ask mode a denied MCP call never reaches the server, and the model is told', async () => {
    const { server, harness, callLog } = await setUp();
    const task = await startBuiltinTask(harness, 'Look the ticket up. [[scenario:mcpLookup]]', { approvalMode: 'ask' });
    const asked = await harness.waitForEvent(task.id, (event) => event.type === 'approval.requested');
    if (asked.type !== 'approval.requested') throw new Error('expected an approval request');
    await harness.engine.call('task/approve', { taskId: task.id, requestId: asked.requestId, decision: 'deny' });
    expect((await harness.waitFor(task.id, ['done', 'failed'])).status).toBe('done');
    expect(loggedCalls(callLog)).toEqual([]);
    const finished = eventsOf(await threadOf(harness, task.id), 'tool.finished');
    expect(finished.map((event) => [event.ok, event.result])).toEqual([[false, deniedToolResult]]);
    expect(JSON.stringify(server.requests[1]?.body)).toContain('The user denied this tool call.');
  });
});
