import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadEventOf } from '../../../../shared/events.js';
import { failHttp, replySlowly, replyText, replyToolCalls } from '../../../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../../../testing/model-server/server.js';
import { startHarness, type EngineHarness } from '../../../../testing/engine/engine-harness.js';
import { processGroupAlive, runningAgentProcesses, stopAllAgentProcesses } from '../agent-process.js';
import { createCodexAgent } from './codex-agent.js';
import { ofType } from '../../../../testing/engine/thread-events.js';

// These tests run the REAL Codex CLI (node_modules/.bin/codex app-server) against the scripted model server.
const codexBinary = resolve('node_modules/.bin/codex');
// A model Codex knows, so it offers its usual tools (exec_command, and apply_patch as a freeform tool).
const model = 'openai:gpt-5.5';

let server: ModelServer;
let harness: EngineHarness;

async function setUp(transport: 'auto' | 'exec'): Promise<void> {
  server = await startModelServer();
  harness = await startHarness({
    files: { 'README.md': '# Demo\n\nHello there.\n' },
    agents: (services) => [
      createCodexAgent(services, {
        // Codex refuses to set up its sandbox helper when CODEX_HOME lies under TMPDIR, as temp test homes do.
        env: { HOME: join(services.home, 'user-home'), TMPDIR: join(services.home, '..', 'codex-tmp') },
        stopGraceMs: 500,
        transport,
      }),
    ],
  });
  mkdirSync(join(harness.home, 'user-home'), { recursive: true });
  mkdirSync(join(harness.root, 'codex-tmp'), { recursive: true });
  writeFileSync(join(harness.home, 'agents.json'), JSON.stringify({ agents: { codex: { path: codexBinary } } }));
  await harness.engine.call('provider/update', {
    provider: 'openai',
    settings: { apiKey: 'test-key', baseUrl: `${server.url}/v1` },
  });
  await harness.engine.call('pricing/update', {
    model,
    price: { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 0, contextWindow: 400_000 },
  });
}

afterEach(async () => {
  await stopAllAgentProcesses();
  await harness.dispose();
  await server.close();
});

async function createTask(prompt: string, approvalMode: 'auto' | 'ask' = 'auto') {
  const { tasks } = await harness.engine.call('task/create', {
    repoId: harness.repoId,
    prompt,
    agent: 'codex',
    model,
    approvalMode,
  });
  const task = tasks[0];
  if (!task) throw new Error('no task');
  return task;
}

const keyRejected =
  'Codex: the OpenAI API key was rejected (HTTP 401). Set a valid key in Settings → Providers (or OPENAI_API_KEY), or turn on “Use my own login” for Codex in Settings → Agents on this machine.';

/** Runs a task against a server that refuses every request with 401, and checks it failed at once with one clear message. */
async function expectKeyRejected(): Promise<void> {
  server.script({
    name: 'rejected-key',
    description: 'Every request is refused: the key is wrong.',
    steps: [failHttp('authentication')],
    loop: true,
  });
  const task = await createTask('Say something.');
  const failed = await harness.waitFor(task.id, ['done', 'failed'], 30_000);
  expect(failed.status).toBe('failed');
  expect(failed.lastError).toBe(keyRejected);
  const events = await harness.threadOf(task.id);
  // No "Reconnecting... n/5" notices and no raw 401 line: the message once, as the turn's end.
  expect(ofType(events, 'notice').filter((event) => /Reconnecting|retrying|401/.test(event.message))).toEqual([]);
  expect(ofType(events, 'turn.ended').map((event) => [event.reason, event.message])).toEqual([['failed', keyRejected]]);
  expect(events.filter((event) => JSON.stringify(event).includes('was rejected')).map((event) => event.type)).toEqual([
    'turn.ended',
    'status.changed',
  ]);
  // Stopped at the first rejection: Codex did not go on asking with the same key.
  expect(server.requests.filter((request) => request.api === 'responses').length).toBeLessThanOrEqual(2);
  expect(runningAgentProcesses()).toEqual([]);
}

const readmePatch = [
  '*** Begin Patch',
  '*** Update File: README.md',
  '@@',
  '-Hello there.',
  '+Hello from Codex.',
  '*** Add File: notes/todo.txt',
  '+ship it',
  '*** End Patch',
  '',
].join('\n');

describe('Codex agent (real CLI, app-server)', () => {
  beforeEach(() => setUp('auto'));

  it('edits with apply_patch and runs a sandboxed command in the worktree, shows the diff and prices the usage', async () => {
    server.script([
      replyToolCalls([{ name: 'apply_patch', arguments: { input: readmePatch } }], { text: 'Patching the README.' }),
      replyToolCalls([
        { name: 'exec_command', arguments: { cmd: "printf 'made by a command\\n' > made.txt && echo made" } },
      ]),
      replyText('Patched the README, added a note and made a file.'),
    ]);
    const task = await createTask('Polish the README, add a note and make a file.');
    const done = await harness.waitFor(task.id, ['done', 'failed'], 45_000);
    expect(done.lastError).toBeNull();
    expect(done.status).toBe('done');

    const events = await harness.threadOf(task.id);
    const text = ofType(events, 'agent.text')
      .map((event) => event.text)
      .join('');
    // Streamed once: deltas, not again from the completed message item.
    expect(text.split('Patching the README.')).toHaveLength(2);
    expect(text.split('Patched the README, added a note and made a file.')).toHaveLength(2);
    const started = ofType(events, 'tool.started');
    expect(started.map((event) => event.name)).toEqual(['apply_patch', 'shell']);
    expect(started[1]?.input).toMatchObject({ command: expect.stringContaining('made.txt') });
    const finished = ofType(events, 'tool.finished');
    expect(finished.map((event) => event.ok)).toEqual([true, true]);
    expect(finished[0]?.result).toContain('README.md');
    expect(finished[1]?.result).toContain('made');

    const { diff } = await harness.engine.call('task/diff', { taskId: task.id });
    expect(diff.files.map((file) => file.path).sort()).toEqual(['README.md', 'made.txt', 'notes/todo.txt']);
    expect(readFileSync(join(task.worktreePath, 'README.md'), 'utf8')).toContain('Hello from Codex.');

    const usage = ofType(events, 'usage');
    expect(usage).toHaveLength(3);
    expect(usage.every((event) => event.model === model && event.inputTokens > 0 && event.costUsd > 0)).toBe(true);
    expect(done.usage.costUsd).toBeCloseTo(
      usage.reduce((sum, event) => sum + event.costUsd, 0),
      10,
    );

    const merged = await harness.engine.call('task/merge', { taskId: task.id });
    expect(merged.task.status).toBe('merged');
    expect(harness.repo.git(['show', 'main:made.txt'])).toBe('made by a command');

    const modelCalls = server.requests.filter((request) => request.api === 'responses');
    expect(modelCalls).toHaveLength(3);
    expect(modelCalls[0]?.headers['authorization']).toBe('Bearer test-key');
    expect(server.failures).toEqual([]);
  });

  it('continues the same Codex thread on a follow-up message', async () => {
    server.script([replyText('First answer.'), replyText('Second answer.')]);
    const task = await createTask('Say something.');
    await harness.waitFor(task.id, ['done'], 45_000);
    await harness.engine.call('task/send', { taskId: task.id, text: 'And again, please.' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2, 45_000);

    const events = await harness.threadOf(task.id);
    expect(ofType(events, 'turn.ended').map((event) => event.reason)).toEqual(['completed', 'completed']);
    expect(ofType(events, 'notice').filter((event) => event.message.startsWith('Codex session '))).toHaveLength(1);
    const followUp = server.requests.filter((request) => request.api === 'responses').at(-1);
    const conversation = JSON.stringify((followUp?.body as { input: unknown[] }).input);
    expect(conversation).toContain('Say something.');
    expect(conversation).toContain('First answer.');
    expect(conversation).toContain('And again, please.');
    expect(ofType(events, 'usage')).toHaveLength(2);
  });

  it('asks Flotilla before a command and a patch in ask mode: the approved one runs, the denied one does not', async () => {
    server.script([
      replyToolCalls([{ name: 'exec_command', arguments: { cmd: "printf 'approved\\n' > approved.txt" } }]),
      replyToolCalls([
        {
          name: 'apply_patch',
          arguments: { input: '*** Begin Patch\n*** Add File: denied.txt\n+no\n*** End Patch\n' },
        },
      ]),
      replyText('Done.'),
    ]);
    const task = await createTask('Run a command, then patch.', 'ask');
    const first = (await harness.waitForEvent(
      task.id,
      (event) => event.type === 'approval.requested',
    )) as ThreadEventOf<'approval.requested'>;
    expect(first.tool).toBe('shell');
    expect(first.summary).toContain('approved.txt');
    expect((await harness.engine.call('task/get', { taskId: task.id })).task.status).toBe('awaitingApproval');
    expect(existsSync(join(task.worktreePath, 'approved.txt'))).toBe(false);
    await harness.engine.call('task/approve', { taskId: task.id, requestId: first.requestId, decision: 'approve' });

    const second = (await harness.waitForEvent(
      task.id,
      (event) => event.type === 'approval.requested' && event.requestId !== first.requestId,
    )) as ThreadEventOf<'approval.requested'>;
    expect(second.tool).toBe('apply_patch');
    expect(second.summary).toContain('denied.txt');
    await harness.engine.call('task/approve', { taskId: task.id, requestId: second.requestId, decision: 'deny' });
    await harness.waitFor(task.id, ['done', 'failed'], 45_000);

    expect(readFileSync(join(task.worktreePath, 'approved.txt'), 'utf8')).toBe('approved\n');
    expect(existsSync(join(task.worktreePath, 'denied.txt'))).toBe(false);
    const finished = ofType(await harness.threadOf(task.id), 'tool.finished');
    expect(finished.map((event) => event.ok)).toEqual([true, false]);
  });

  it('fails the turn at the first 401 with one clear message, instead of reconnecting five times', async () => {
    await expectKeyRejected();
  });

  it('stops mid-stream: the task is stopped and the app-server process group is gone', async () => {
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

  it('reports whether it is installed, its version, and what to set up', async () => {
    const ready = (await harness.engine.call('agent/list', {})).agents.find((agent) => agent.id === 'codex');
    expect(ready?.available).toBe(true);
    expect(ready?.detail).toContain('0.169.0');

    await harness.engine.call('provider/update', { provider: 'openai', settings: { apiKey: null } });
    const noKey = (await harness.engine.call('agent/list', {})).agents.find((agent) => agent.id === 'codex');
    expect(noKey?.available).toBe(false);
    expect(noKey?.detail).toContain('OpenAI API key');

    writeFileSync(
      join(harness.home, 'agents.json'),
      JSON.stringify({ agents: { codex: { path: codexBinary, configHome: 'user' } } }),
    );
    const loggedOut = (await harness.engine.call('agent/list', {})).agents.find((agent) => agent.id === 'codex');
    expect(loggedOut?.available).toBe(false);
    expect(loggedOut?.detail).toContain('not logged in');
  });
});

describe('Codex agent (real CLI, `codex exec --json` fallback)', () => {
  beforeEach(() => setUp('exec'));

  it('edits and runs commands in the worktree, continues its thread and records only each turn’s new usage', async () => {
    server.script([
      replyToolCalls([{ name: 'apply_patch', arguments: { input: readmePatch } }]),
      replyToolCalls([{ name: 'exec_command', arguments: { cmd: "printf 'made\\n' > made.txt" } }]),
      replyText('Done with turn one.'),
      replyText('Done with turn two.'),
    ]);
    const task = await createTask('Polish the README.');
    const first = await harness.waitFor(task.id, ['done', 'failed'], 45_000);
    expect(first.lastError).toBeNull();
    await harness.engine.call('task/send', { taskId: task.id, text: 'Anything else?' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2, 45_000);

    const events = await harness.threadOf(task.id);
    expect(ofType(events, 'turn.ended').map((event) => event.reason)).toEqual(['completed', 'completed']);
    expect(ofType(events, 'tool.started').map((event) => event.name)).toEqual(['apply_patch', 'shell']);
    expect(ofType(events, 'tool.finished').map((event) => event.ok)).toEqual([true, true]);
    expect(
      ofType(events, 'agent.text')
        .map((event) => event.text)
        .join(''),
    ).toContain('Done with turn two.');
    expect(ofType(events, 'notice').filter((event) => event.message.startsWith('Codex session '))).toHaveLength(1);
    const { diff } = await harness.engine.call('task/diff', { taskId: task.id });
    expect(diff.files.map((file) => file.path).sort()).toEqual(['README.md', 'made.txt', 'notes/todo.txt']);

    // Turn two made one model call; turn one made three. Each turn records only its own tokens.
    const calls = server.requests.filter((request) => request.api === 'responses');
    expect(calls).toHaveLength(4);
    const usage = ofType(events, 'usage');
    expect(usage).toHaveLength(2);
    const secondCallInput = JSON.stringify(calls[3]?.body).length;
    expect(usage[1]?.inputTokens).toBeLessThan(usage[0]?.inputTokens ?? 0);
    expect(usage[1]?.inputTokens).toBeGreaterThan(secondCallInput / 8);
    expect(usage.every((event) => event.costUsd > 0)).toBe(true);
  });

  it('fails the turn at the first 401 with one clear message, instead of reconnecting five times', async () => {
    await expectKeyRejected();
  });

  it('refuses ask mode, since `codex exec` cannot put approvals to the user', async () => {
    const task = await createTask('Do something.', 'ask');
    const failed = await harness.waitFor(task.id, ['failed'], 45_000);
    expect(failed.lastError).toContain('cannot ask you before its commands');
    expect(server.requests).toHaveLength(0);
  });
});
