import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  bash,
  failHttp,
  readFile,
  replyText,
  replyToolCalls,
  withUsage,
} from '../../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../../testing/model-server/server.js';
import { startHarness, type EngineHarness } from '../../../testing/engine/engine-harness.js';
import { liveProcesses, waitForNoProcess } from '../../../testing/agents/tool-test-support.js';
import { truncatedOutput } from './conversation.js';
import {
  bodyText,
  eventsOf,
  startBuiltinTask,
  threadOf,
  useModelServer,
  waitForEvent,
} from '../../../testing/agents/e2e-test-kit.js';
import { deniedResult } from './tool-calls.js';

let server: ModelServer | undefined;
let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.dispose();
  await server?.close();
  harness = undefined;
  server = undefined;
});

async function setUp(): Promise<{ server: ModelServer; harness: EngineHarness }> {
  server = await startModelServer();
  harness = await startHarness();
  await useModelServer(harness, server);
  return { server, harness };
}

describe('controlling the built-in agent', () => {
  test('stopping mid-stream aborts the model request and ends the turn as stopped', async () => {
    const { server, harness } = await setUp();
    const task = await startBuiltinTask(harness, 'Think slowly. [[scenario:slowStream]]', { model: 'openai:gpt-5' });
    await waitForEvent(harness, task.id, (event) => event.type === 'agent.text');
    await harness.engine.call('task/stop', { taskId: task.id });
    const stopped = await harness.waitFor(task.id, ['stopped', 'done', 'failed']);
    expect(stopped.status).toBe('stopped');
    await server.settled();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.outcome).toBe('clientAborted');
    const ended = eventsOf(await threadOf(harness, task.id), 'turn.ended');
    expect(ended.map((event) => event.reason)).toEqual(['stopped']);
  });

  test('stopping while bash runs kills its processes and cancels the call', async () => {
    const { server, harness } = await setUp();
    const marker = `flotilla-stop-${process.pid}`;
    server.script([
      replyToolCalls([bash(`sleep 301 & sleep 302; echo ${marker}`), readFile('README.md')]),
      replyText('not reached'),
    ]);
    const task = await startBuiltinTask(harness, 'Wait a while.');
    const deadline = Date.now() + 20_000;
    while (!liveProcesses().some((seen) => seen.commandLine.includes(marker)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(liveProcesses().some((seen) => seen.commandLine.includes(marker))).toBe(true);
    await harness.engine.call('task/stop', { taskId: task.id });
    expect((await harness.waitFor(task.id, ['stopped', 'done', 'failed'])).status).toBe('stopped');
    expect(
      await waitForNoProcess((seen) => seen.commandLine.includes(marker) || /^sleep 30[12]$/.test(seen.commandLine)),
    ).toEqual([]);
    const events = await threadOf(harness, task.id);
    expect(eventsOf(events, 'tool.finished').map((event) => [event.ok, event.result === 'cancelled'])).toEqual([
      [false, false],
      [false, true],
    ]);
    expect(server.requests).toHaveLength(1);
  });

  test('in ask mode each bash command waits for approval; an approved one runs, a denied one is reported to the model', async () => {
    const { server, harness } = await setUp();
    server.script([
      replyToolCalls([bash('echo one > one.txt')]),
      replyToolCalls([bash('echo two > two.txt')]),
      replyText('Handled both.'),
    ]);
    const task = await startBuiltinTask(harness, 'Make two files.', {
      approvalMode: 'ask',
      model: 'compatible:llama3',
    });
    await harness.waitFor(task.id, ['awaitingApproval']);
    const [first] = eventsOf(await threadOf(harness, task.id), 'approval.requested');
    expect(first).toMatchObject({ tool: 'bash', summary: 'echo one > one.txt' });
    await harness.engine.call('task/approve', { taskId: task.id, requestId: first!.requestId, decision: 'approve' });
    const second = await waitForEvent(
      harness,
      task.id,
      (event) => event.type === 'approval.requested' && event.requestId !== first!.requestId,
    );
    await harness.waitFor(task.id, ['awaitingApproval']);
    await harness.engine.call('task/approve', {
      taskId: task.id,
      requestId: second.type === 'approval.requested' ? second.requestId : '',
      decision: 'deny',
    });
    const done = await harness.waitFor(task.id, ['done', 'failed']);
    expect(done.status).toBe('done');
    expect(readFileSync(join(done.worktreePath, 'one.txt'), 'utf8')).toBe('one\n');
    expect(existsSync(join(done.worktreePath, 'two.txt'))).toBe(false);
    const finished = eventsOf(await threadOf(harness, task.id), 'tool.finished');
    expect(finished.map((event) => event.ok)).toEqual([true, false]);
    expect(finished[1]?.result).toBe(deniedResult);
    expect(bodyText(server, 2)).toContain(deniedResult);
  });

  test('a rejected key, an unknown model and a model without a provider fail the turn with what to fix', async () => {
    const { server, harness } = await setUp();
    server.script([failHttp('authentication'), failHttp('badRequest', { status: 404, message: 'model not found' })]);
    const rejected = await harness.waitFor((await startBuiltinTask(harness, 'Hi.')).id, ['failed', 'done']);
    expect(rejected.lastError).toBe(
      'The Anthropic API key was rejected. Set a valid key in Settings or ANTHROPIC_API_KEY.',
    );
    const unknown = await harness.waitFor((await startBuiltinTask(harness, 'Hi.', { model: 'openai:gpt-nope' })).id, [
      'failed',
      'done',
    ]);
    expect(unknown.lastError).toBe('The model gpt-nope does not exist at OpenAI. Pick another model.');
    const unprefixed = await harness.waitFor((await startBuiltinTask(harness, 'Hi.', { model: 'gpt-5' })).id, [
      'failed',
      'done',
    ]);
    expect(unprefixed.status).toBe('failed');
    expect(unprefixed.lastError).toContain('The model "gpt-5" does not name a provider');
    expect(server.requests).toHaveLength(2);
  });

  test('hitting the model-call limit ends the turn with maxTurns and says how to continue', async () => {
    const { server, harness } = await setUp();
    server.script([
      replyToolCalls([readFile('README.md')]),
      replyToolCalls([readFile('README.md')]),
      replyText('not reached'),
    ]);
    const task = await startBuiltinTask(harness, 'Keep reading.', { maxModelCalls: 2 });
    const done = await harness.waitFor(task.id, ['done', 'failed']);
    expect(done.status).toBe('done');
    const [ended] = eventsOf(await threadOf(harness, task.id), 'turn.ended');
    expect(ended).toMatchObject({
      reason: 'maxTurns',
      message: 'Stopped after 2 model calls; send a message to continue.',
    });
    expect(server.requests).toHaveLength(2);
  });

  test('a long conversation is summarized near the context window and the task finishes', async () => {
    const { server, harness } = await setUp();
    const task = await startBuiltinTask(harness, 'Survey the repository. [[scenario:longConversation]]');
    const done = await harness.waitFor(task.id, ['done', 'failed']);
    expect(done.status).toBe('done');
    const events = await threadOf(harness, task.id);
    const [compacted] = eventsOf(events, 'context.compacted');
    expect(compacted).toMatchObject({
      method: 'summary',
      summary: 'Summary so far: read README.md, searched for TODO, listed files.',
    });
    expect(compacted!.tokensBefore).toBeGreaterThan(160_000);
    expect(compacted!.tokensAfter).toBeLessThan(20_000);
    expect(server.requests).toHaveLength(5);
    expect(bodyText(server, 3)).not.toContain('"tools"');
    const last = server.requests[4]?.body as {
      messages: Array<{ role: string; content: Array<{ type: string; text?: string }> }>;
    };
    expect(last.messages).toHaveLength(1);
    expect(JSON.stringify(last.messages)).toContain('Summary so far');
    expect(JSON.stringify(last.messages)).not.toContain('tool_use');
    expect(
      eventsOf(events, 'agent.text')
        .map((event) => event.text)
        .join(''),
    ).toBe('Done after compaction.');
    // The next turn starts from the summary, not from the full history.
    await harness.engine.call('task/send', { taskId: task.id, text: 'Anything else? [[scenario:textOnly]]' });
    await harness.waitFor(task.id, ['running', 'done']);
    expect((await harness.waitFor(task.id, ['done', 'failed'])).status).toBe('done');
    const next = bodyText(server, 5);
    expect(next).toContain('Summary so far');
    expect(next).not.toContain('tool_use');
    expect(next).toContain('Anything else?');
  });

  test('when summarizing fails, old tool outputs are truncated and the task still finishes', async () => {
    const { server, harness } = await setUp();
    server.script([
      withUsage(replyToolCalls([readFile('README.md')]), { inputTokens: 190_000 }),
      failHttp('badRequest', { message: 'the summary request is rejected on purpose' }),
      replyText('Done after truncation.'),
    ]);
    // compatible:llama3 has no price row, so the default 128k context window applies.
    const task = await startBuiltinTask(harness, 'Read the README.', { model: 'compatible:llama3' });
    const done = await harness.waitFor(task.id, ['done', 'failed']);
    expect(done.status).toBe('done');
    const events = await threadOf(harness, task.id);
    expect(eventsOf(events, 'context.compacted')).toMatchObject([{ method: 'truncation', summary: '' }]);
    expect(
      eventsOf(events, 'notice').some((event) => event.message.includes('the summary request is rejected on purpose')),
    ).toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(bodyText(server, 2)).toContain(truncatedOutput);
    expect(bodyText(server, 2)).not.toContain('# test');
  });

  test('a cost budget priced from the real usage stops the agent before its tools run or it calls again', async () => {
    const { server, harness } = await setUp();
    // 200,000 input tokens at Sonnet's $3 per million: $0.60, over a $0.50 budget.
    server.script([
      withUsage(replyToolCalls([bash('echo ran > ran.txt')]), { inputTokens: 200_000 }),
      replyText('not reached'),
    ]);
    const task = await startBuiltinTask(harness, 'Spend a lot.', { costBudgetUsd: 0.5 });
    const ended = await harness.waitFor(task.id, ['done', 'failed', 'stopped']);
    expect(ended.status).toBe('done');
    expect(ended.usage.costUsd).toBeCloseTo(0.6, 3);
    const events = await threadOf(harness, task.id);
    expect(eventsOf(events, 'turn.ended').map((event) => [event.reason, event.message])).toEqual([
      [
        'budget',
        'Stopped at the cost budget ($0.60 of $0.50 spent). Raise or remove the budget to let the agent go on.',
      ],
    ]);
    expect(eventsOf(events, 'tool.finished').map((event) => event.result)).toEqual(['cancelled']);
    expect(existsSync(join(task.worktreePath, 'ran.txt'))).toBe(false);
    expect(server.requests).toHaveLength(1);
  });
});
