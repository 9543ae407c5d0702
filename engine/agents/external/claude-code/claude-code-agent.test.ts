import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadEventOf } from '../../../../shared/events.js';
import { startModelServer, type ModelServer } from '../../../../testing/model-server/server.js';
import { failHttp, replySlowly, replyText, replyToolCalls } from '../../../../testing/model-server/scenario-steps.js';
import { startHarness, type EngineHarness } from '../../../../testing/engine/engine-harness.js';
import { processGroupAlive, runningAgentProcesses, stopAllAgentProcesses } from '../agent-process.js';
import { createClaudeCodeAgent } from './claude-code-agent.js';
import { ofType } from '../../../../testing/engine/thread-events.js';

// These tests run the REAL Claude Code CLI (node_modules/.bin/claude) against the scripted model server.
const claudeBinary = resolve('node_modules/.bin/claude');

let server: ModelServer;
let harness: EngineHarness;

beforeEach(async () => {
  server = await startModelServer();
  harness = await startHarness({
    files: { 'README.md': '# Demo\n\nHello there.\n' },
    agents: (services) => [
      createClaudeCodeAgent(services, { env: { HOME: join(services.home, 'user-home') }, stopGraceMs: 500 }),
    ],
  });
  mkdirSync(join(harness.home, 'user-home'), { recursive: true });
  writeFileSync(
    join(harness.home, 'agents.json'),
    JSON.stringify({ agents: { 'claude-code': { path: claudeBinary } } }),
  );
  await harness.engine.call('provider/update', {
    provider: 'anthropic',
    settings: { apiKey: 'test-key', baseUrl: server.url },
  });
});

afterEach(async () => {
  await stopAllAgentProcesses();
  await harness.dispose();
  await server.close();
});

async function createTask(prompt: string, approvalMode: 'auto' | 'ask' = 'auto') {
  const { tasks } = await harness.engine.call('task/create', {
    repoId: harness.repoId,
    prompt,
    agent: 'claude-code',
    approvalMode,
  });
  const task = tasks[0];
  if (!task) throw new Error('no task');
  return task;
}

describe('Claude Code agent (real CLI)', () => {
  it('edits files in the worktree through its own tools, streams text, shows the diff and records its cost', async () => {
    server.script([
      replyToolCalls([{ name: 'Read', arguments: { file_path: 'README.md' } }], { text: 'Let me look at the README.' }),
      replyToolCalls([
        {
          name: 'Edit',
          arguments: { file_path: 'README.md', old_string: 'Hello there.', new_string: 'Hello from Claude Code.' },
        },
        { name: 'Write', arguments: { file_path: 'notes/todo.txt', content: 'ship it\n' } },
      ]),
      replyText('Updated the README and added notes/todo.txt.'),
    ]);
    const task = await createTask('Polish the README and add a todo note.');
    const done = await harness.waitFor(task.id, ['done', 'failed'], 45_000);
    expect(done.lastError).toBeNull();
    expect(done.status).toBe('done');

    const events = await harness.threadOf(task.id);
    const text = ofType(events, 'agent.text')
      .map((event) => event.text)
      .join('');
    // Streamed once: partial deltas, not again from the whole assistant message.
    expect(text.split('Let me look at the README.')).toHaveLength(2);
    expect(text.split('Updated the README and added notes/todo.txt.')).toHaveLength(2);
    const started = ofType(events, 'tool.started');
    expect(started.map((event) => event.name)).toEqual(['Read', 'Edit', 'Write']);
    const finished = ofType(events, 'tool.finished');
    expect(finished.map((event) => [event.callId, event.ok])).toEqual(started.map((event) => [event.callId, true]));
    expect(ofType(events, 'sandbox.detected')[0]?.sandbox).toBe('none');

    const { diff } = await harness.engine.call('task/diff', { taskId: task.id });
    expect(diff.files.map((file) => file.path).sort()).toEqual(['README.md', 'notes/todo.txt']);
    expect(readFileSync(join(task.worktreePath, 'README.md'), 'utf8')).toContain('Hello from Claude Code.');

    // Usage is recorded call by call as the turn goes (so a budget can stop it), then settled to the CLI's own cost.
    const usage = ofType(events, 'usage');
    expect(usage.length).toBeGreaterThanOrEqual(3);
    expect(usage[0]?.inputTokens).toBeGreaterThan(0);
    expect(usage[0]?.costUsd).toBeGreaterThan(0);
    expect(usage[0]!.seq).toBeLessThan(started[1]!.seq);
    expect(done.usage.costUsd).toBeCloseTo(
      usage.reduce((sum, event) => sum + event.costUsd, 0),
      10,
    );
    expect(done.usage.costUsd).toBeGreaterThan(0);

    const merged = await harness.engine.call('task/merge', { taskId: task.id });
    expect(merged.task.status).toBe('merged');
    expect(harness.repo.git(['show', 'main:notes/todo.txt'])).toBe('ship it');

    // Claude Code really called the scripted server with the API key from Flotilla's provider settings.
    const modelCalls = server.requests.filter((request) => request.api === 'anthropic');
    expect(modelCalls).toHaveLength(3);
    expect(modelCalls[0]?.headers['x-api-key']).toBe('test-key');
    expect(server.failures).toEqual([]);
  });

  it('continues the same Claude Code session on a follow-up message', async () => {
    server.script([replyText('First answer.'), replyText('Second answer.')]);
    const task = await createTask('Say something.');
    await harness.waitFor(task.id, ['done'], 45_000);
    await harness.engine.call('task/send', { taskId: task.id, text: 'And again, please.' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2, 45_000);

    const events = await harness.threadOf(task.id);
    const sessions = ofType(events, 'notice').filter((event) => event.message.startsWith('Claude Code session '));
    expect(sessions).toHaveLength(1);
    const followUp = server.requests.filter((request) => request.api === 'anthropic').at(-1);
    const conversation = JSON.stringify((followUp?.body as { messages: unknown[] }).messages);
    expect(conversation).toContain('Say something.');
    expect(conversation).toContain('First answer.');
    expect(conversation).toContain('And again, please.');
    expect(ofType(events, 'turn.ended').map((event) => event.reason)).toEqual(['completed', 'completed']);
  });

  it('starts a new conversation, and says so, when Claude Code lost the earlier session', async () => {
    server.script([replyText('First answer.'), replyText('Fresh answer.')]);
    const task = await createTask('Say something.');
    await harness.waitFor(task.id, ['done'], 45_000);
    rmSync(join(harness.home, 'agents', 'claude-code', 'projects'), { recursive: true, force: true });
    await harness.engine.call('task/send', { taskId: task.id, text: 'Go on.' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2, 45_000);

    const events = await harness.threadOf(task.id);
    expect(ofType(events, 'turn.ended').map((event) => event.reason)).toEqual(['completed', 'completed']);
    expect(ofType(events, 'notice').some((event) => event.message.includes('could not find its earlier session'))).toBe(
      true,
    );
    expect(ofType(events, 'notice').filter((event) => event.message.startsWith('Claude Code session '))).toHaveLength(
      2,
    );
    expect(
      ofType(events, 'agent.text')
        .map((event) => event.text)
        .join(''),
    ).toContain('Fresh answer.');
    expect(ofType(events, 'usage').length).toBeGreaterThanOrEqual(2);
  });

  it('stops mid-turn at the task’s cost budget, after the call that reached it', async () => {
    server.script([
      replyToolCalls([{ name: 'Read', arguments: { file_path: 'README.md' } }], { text: 'Reading first.' }),
      replyToolCalls([{ name: 'Write', arguments: { file_path: 'late.txt', content: 'too late\n' } }]),
      replyText('Never reached.'),
    ]);
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'Do a lot.',
      agent: 'claude-code',
      model: 'anthropic:claude-sonnet-4-6',
      costBudgetUsd: 0.000001,
    });
    const task = tasks[0]!;
    const done = await harness.waitFor(task.id, ['done', 'failed', 'stopped'], 45_000);
    expect(done.status).toBe('done');
    const events = await harness.threadOf(task.id);
    expect(ofType(events, 'turn.ended').map((event) => event.reason)).toEqual(['budget']);
    expect(
      server.requests.filter(
        (request) => request.api === 'anthropic' && JSON.stringify(request.body).includes('Do a lot.'),
      ).length,
    ).toBeLessThan(3);
    expect(existsSync(join(task.worktreePath, 'late.txt'))).toBe(false);
  });

  it('asks Flotilla before an edit in ask mode, runs it once approved, and reports a denied command as failed', async () => {
    server.script([
      replyToolCalls([{ name: 'Write', arguments: { file_path: 'approved.txt', content: 'yes\n' } }]),
      replyToolCalls([{ name: 'Bash', arguments: { command: 'touch denied.txt', description: 'Create a file' } }]),
      replyText('Done.'),
    ]);
    const task = await createTask('Write approved.txt, then run a command.', 'ask');
    const first = (await harness.waitForEvent(
      task.id,
      (event) => event.type === 'approval.requested',
    )) as ThreadEventOf<'approval.requested'>;
    expect(first.tool).toBe('Write');
    expect(first.summary).toContain('approved.txt');
    expect((await harness.engine.call('task/get', { taskId: task.id })).task.status).toBe('awaitingApproval');
    expect(existsSync(join(task.worktreePath, 'approved.txt'))).toBe(false);
    await harness.engine.call('task/approve', { taskId: task.id, requestId: first.requestId, decision: 'approve' });

    const second = (await harness.waitForEvent(
      task.id,
      (event) => event.type === 'approval.requested' && event.requestId !== first.requestId,
    )) as ThreadEventOf<'approval.requested'>;
    expect(second.tool).toBe('Bash');
    expect(second.summary).toBe('touch denied.txt');
    await harness.engine.call('task/approve', { taskId: task.id, requestId: second.requestId, decision: 'deny' });
    await harness.waitFor(task.id, ['done', 'failed'], 45_000);

    expect(readFileSync(join(task.worktreePath, 'approved.txt'), 'utf8')).toBe('yes\n');
    expect(existsSync(join(task.worktreePath, 'denied.txt'))).toBe(false);
    const finished = ofType(await harness.threadOf(task.id), 'tool.finished');
    expect(finished.map((event) => event.ok)).toEqual([true, false]);
  });

  it('refuses a write outside the worktree without asking, even in auto mode', async () => {
    const outside = join(harness.root, 'outside.txt');
    server.script([
      replyToolCalls([{ name: 'Write', arguments: { file_path: outside, content: 'escape\n' } }]),
      replyText('Could not write it.'),
    ]);
    const task = await createTask('Write outside.');
    await harness.waitFor(task.id, ['done', 'failed'], 45_000);
    const events = await harness.threadOf(task.id);
    expect(ofType(events, 'approval.requested')).toHaveLength(0);
    const finished = ofType(events, 'tool.finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]?.ok).toBe(false);
    expect(finished[0]?.result).toContain('outside the worktree');
    expect(existsSync(outside)).toBe(false);
  });

  it('stops mid-stream: the task is stopped and the CLI’s whole process group is gone', async () => {
    server.script(
      replySlowly('This answer streams very slowly so that the user has plenty of time to press stop. '.repeat(4), 100),
    );
    const task = await createTask('Tell me a long story.');
    await harness.waitForEvent(task.id, (event) => event.type === 'agent.text');
    const pids = runningAgentProcesses();
    expect(pids).toHaveLength(1);
    await harness.engine.call('task/stop', { taskId: task.id });
    const stopped = await harness.waitFor(task.id, ['stopped'], 15_000);
    expect(stopped.status).toBe('stopped');
    expect(runningAgentProcesses()).toEqual([]);
    for (const pid of pids) expect(processGroupAlive(pid)).toBe(false);
  });

  it('ends the turn as maxTurns when Claude Code hits the task’s limit of model calls', async () => {
    server.script([
      replyToolCalls([{ name: 'Write', arguments: { file_path: 'one.txt', content: '1\n' } }]),
      replyText('Never reached.'),
    ]);
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: 'Keep going.',
      agent: 'claude-code',
      maxModelCalls: 1,
    });
    const task = tasks[0];
    if (!task) throw new Error('no task');
    await harness.waitFor(task.id, ['done', 'failed'], 45_000);
    const ended = ofType(await harness.threadOf(task.id), 'turn.ended');
    expect(ended.map((event) => event.reason)).toEqual(['maxTurns']);
    expect(ended[0]?.message).toContain('limit of model calls');
    expect(server.requests.filter((request) => request.api === 'anthropic')).toHaveLength(1);
  });

  it('tells the user when Claude Code retries a failed API call', async () => {
    server.script([failHttp('rateLimit', { retryAfterMs: 10 }), replyText('Made it after a retry.')]);
    const task = await createTask('Try again.');
    const done = await harness.waitFor(task.id, ['done', 'failed'], 45_000);
    expect(done.status).toBe('done');
    const events = await harness.threadOf(task.id);
    const retries = ofType(events, 'notice').filter(
      (event) => event.level === 'warning' && event.message.includes('retrying'),
    );
    expect(retries).toHaveLength(1);
    expect(retries[0]?.message).toContain('429');
    expect(
      ofType(events, 'agent.text')
        .map((event) => event.text)
        .join(''),
    ).toContain('Made it after a retry.');
  });

  it('fails the turn at the first 401 with one clear message, instead of retrying the rejected key for a minute', async () => {
    server.script({
      name: 'rejected-key',
      description: 'Every request is refused: the key is wrong.',
      steps: [failHttp('authentication')],
      loop: true,
    });
    const task = await createTask('Say something.');
    const failed = await harness.waitFor(task.id, ['done', 'failed'], 30_000);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toBe(
      'Claude Code: the Anthropic API key was rejected (HTTP 401). Set a valid key in Settings → Providers (or ANTHROPIC_API_KEY), or turn on “Use my own login” for Claude Code in Settings → Agents on this machine.',
    );
    const events = await harness.threadOf(task.id);
    // No retry notices, no made-up "Invalid API key" text, and the message once, as the turn's end.
    expect(ofType(events, 'notice').filter((event) => /retrying|401/.test(event.message))).toEqual([]);
    expect(
      ofType(events, 'agent.text')
        .map((event) => event.text)
        .join(''),
    ).toBe('');
    expect(ofType(events, 'turn.ended').map((event) => [event.reason, event.message])).toEqual([
      ['failed', failed.lastError],
    ]);
    expect(events.filter((event) => JSON.stringify(event).includes('was rejected')).map((event) => event.type)).toEqual(
      ['turn.ended', 'status.changed'],
    );
    // Stopped at the first rejection: Claude Code did not go on asking with the same key.
    expect(server.requests.filter((request) => request.api === 'anthropic').length).toBeLessThanOrEqual(2);
    expect(runningAgentProcesses()).toEqual([]);
  });

  it('reports whether it is installed, its version, and what to set up', async () => {
    const ready = (await harness.engine.call('agent/list', {})).agents.find((agent) => agent.id === 'claude-code');
    expect(ready?.available).toBe(true);
    expect(ready?.detail).toContain('2.1.197');

    await harness.engine.call('provider/update', { provider: 'anthropic', settings: { apiKey: null } });
    const noKey = (await harness.engine.call('agent/list', {})).agents.find((agent) => agent.id === 'claude-code');
    expect(noKey?.available).toBe(false);
    expect(noKey?.detail).toContain('Anthropic API key');

    writeFileSync(
      join(harness.home, 'agents.json'),
      JSON.stringify({ agents: { 'claude-code': { path: join(harness.root, 'no-such-claude') } } }),
    );
    const missing = (await harness.engine.call('agent/list', {})).agents.find((agent) => agent.id === 'claude-code');
    expect(missing?.available).toBe(false);
    expect(missing?.detail).toContain('npm i -g @anthropic-ai/claude-code');
  });
});
