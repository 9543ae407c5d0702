import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadEvent, ThreadEventOf } from '../../../../shared/events.js';
import { startHarness, type EngineHarness } from '../../../../testing/engine/engine-harness.js';
import { processGroupAlive, runningAgentProcesses, stopAllAgentProcesses } from '../agent-process.js';
import { createAcpAgent } from './acp-agent.js';
import { acpPresets, type AcpAgentSpec } from './acp-presets.js';
import { ofType } from '../../../../testing/engine/thread-events.js';

// The fixture is a real ACP agent built on the SDK's agent side, run as a child process over stdio.
const fixture: AcpAgentSpec = {
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
};

let harness: EngineHarness;

beforeEach(async () => {
  harness = await startHarness({
    files: { 'README.md': '# Demo\n' },
    agents: (services) => [
      createAcpAgent(fixture, services, {
        env: { FIXTURE_STATE: join(services.home, 'fixture-state.json') },
        stopGraceMs: 500,
      }),
      ...acpPresets.map((preset) =>
        createAcpAgent(preset, services, { env: { PATH: join(services.home, 'empty-path') } }),
      ),
    ],
  });
});

afterEach(async () => {
  await stopAllAgentProcesses();
  await harness.dispose();
});

async function createTask(prompt: string, approvalMode: 'auto' | 'ask' = 'auto') {
  const { tasks } = await harness.engine.call('task/create', {
    repoId: harness.repoId,
    prompt,
    agent: 'acp:fixture',
    approvalMode,
  });
  const task = tasks[0];
  if (!task) throw new Error('no task');
  return task;
}

const textOf = (events: ThreadEvent[]) =>
  ofType(events, 'agent.text')
    .map((event) => event.text)
    .join('');

describe('ACP agent', () => {
  it('maps a prompt to text, reasoning, a plan and tool calls; writes go through fs/write_text_file inside the worktree only', async () => {
    const task = await createTask(
      [
        'say Hello from the fixture.',
        'think pondering the request',
        'plan read the code; write the note',
        'write notes/hello.txt hi there',
        'sneak ../outside.txt escape',
        'read notes/hello.txt',
        'cost 0.25',
      ].join('\n'),
    );
    const done = await harness.waitFor(task.id, ['done', 'failed']);
    expect(done.lastError).toBeNull();
    const events = await harness.threadOf(task.id);

    expect(textOf(events)).toContain('Hello from the fixture.');
    expect(textOf(events)).toContain('Read: hi there');
    expect(
      ofType(events, 'agent.reasoning')
        .map((event) => event.text)
        .join(''),
    ).toBe('pondering the request');
    expect(ofType(events, 'notice').map((event) => event.message)).toContain(
      'Plan:\n[x] read the code\n[ ] write the note',
    );
    expect(ofType(events, 'tool.started').map((event) => event.name)).toEqual([
      'Write notes/hello.txt',
      'Write ../outside.txt',
    ]);
    const finished = ofType(events, 'tool.finished');
    expect(finished.map((event) => event.ok)).toEqual([true, false]);
    expect(finished[1]?.result).toContain('outside the worktree');
    expect(
      ofType(events, 'notice').some(
        (event) => event.level === 'warning' && event.message.startsWith('Refused Fixture agent'),
      ),
    ).toBe(true);
    // In auto mode an edit inside the worktree needs no approval.
    expect(ofType(events, 'approval.requested')).toHaveLength(0);

    expect(readFileSync(join(task.worktreePath, 'notes/hello.txt'), 'utf8')).toBe('hi there\n');
    expect(existsSync(join(task.worktreePath, '..', 'outside.txt'))).toBe(false);
    const { diff } = await harness.engine.call('task/diff', { taskId: task.id });
    expect(diff.files.map((file) => file.path)).toEqual(['notes/hello.txt']);
    expect(ofType(events, 'usage').map((event) => [event.model, event.costUsd])).toEqual([['acp:fixture', 0.25]]);
    expect(done.usage.costUsd).toBe(0.25);
  });

  it('records cost as the agent reports it, so a budget stops the turn right there', async () => {
    const { tasks } = await harness.engine.call('task/create', {
      repoId: harness.repoId,
      prompt: ['cost 0.25', 'write late.txt too late'].join('\n'),
      agent: 'acp:fixture',
      costBudgetUsd: 0.1,
    });
    const task = tasks[0]!;
    const done = await harness.waitFor(task.id, ['done', 'failed', 'stopped']);
    expect(done.status).toBe('done');
    const events = await harness.threadOf(task.id);
    expect(ofType(events, 'turn.ended').map((event) => [event.reason, event.message])).toEqual([
      [
        'budget',
        'Stopped at the cost budget ($0.25 of $0.10 spent). Raise or remove the budget to let the agent go on.',
      ],
    ]);
    expect(existsSync(join(task.worktreePath, 'late.txt'))).toBe(false);
  });

  it('puts permission requests to the user through Flotilla: an approved write lands, a denied command fails', async () => {
    const task = await createTask(['write approved.txt yes', 'run rm -rf build'].join('\n'), 'ask');
    const first = (await harness.waitForEvent(
      task.id,
      (event) => event.type === 'approval.requested',
    )) as ThreadEventOf<'approval.requested'>;
    expect(first.tool).toBe('Write approved.txt');
    expect((await harness.engine.call('task/get', { taskId: task.id })).task.status).toBe('awaitingApproval');
    expect(existsSync(join(task.worktreePath, 'approved.txt'))).toBe(false);
    await harness.engine.call('task/approve', { taskId: task.id, requestId: first.requestId, decision: 'approve' });

    const second = (await harness.waitForEvent(
      task.id,
      (event) => event.type === 'approval.requested' && event.requestId !== first.requestId,
    )) as ThreadEventOf<'approval.requested'>;
    expect(second.summary).toBe('Run rm -rf build');
    await harness.engine.call('task/approve', { taskId: task.id, requestId: second.requestId, decision: 'deny' });
    await harness.waitFor(task.id, ['done', 'failed']);

    expect(readFileSync(join(task.worktreePath, 'approved.txt'), 'utf8')).toBe('yes\n');
    const finished = ofType(await harness.threadOf(task.id), 'tool.finished');
    expect(finished.map((event) => [event.ok, event.result])).toEqual([
      [true, `Edited ${join(task.worktreePath, 'approved.txt')}`],
      [false, 'Permission denied.'],
    ]);
  });

  it('continues the ACP session on a follow-up and records only the new cost', async () => {
    const task = await createTask('say first\ncost 0.25');
    await harness.waitFor(task.id, ['done']);
    await harness.engine.call('task/send', { taskId: task.id, text: 'say second\ncost 0.4' });
    await harness.waitForEvent(task.id, (event) => event.type === 'turn.ended' && event.turn === 2);

    const events = await harness.threadOf(task.id);
    const sessions = ofType(events, 'notice').filter((event) => event.message.startsWith('Fixture agent session '));
    expect(sessions).toHaveLength(1);
    const sessionId = sessions[0]?.message.split(' ')[3];
    expect(textOf(events)).toContain(`(prompt 2 of ${sessionId})`);
    expect(ofType(events, 'usage').map((event) => event.costUsd)).toEqual([0.25, expect.closeTo(0.15, 10)]);
  });

  it('stops with session/cancel: the turn ends as stopped and the agent process is gone', async () => {
    const task = await createTask('slow 200');
    await harness.waitForEvent(task.id, (event) => event.type === 'agent.text' && event.text.includes('chunk'));
    const pids = runningAgentProcesses();
    expect(pids).toHaveLength(1);
    await harness.engine.call('task/stop', { taskId: task.id });
    await harness.waitFor(task.id, ['stopped'], 10_000);
    expect(textOf(await harness.threadOf(task.id))).not.toContain('chunk 199');
    const state = JSON.parse(readFileSync(join(harness.home, 'fixture-state.json'), 'utf8')) as Record<
      string,
      { cancelled?: boolean }
    >;
    expect(Object.values(state).map((session) => session.cancelled)).toEqual([true]);
    expect(runningAgentProcesses()).toEqual([]);
    for (const pid of pids) expect(processGroupAlive(pid)).toBe(false);
  });

  it('kills an agent that ignores session/cancel and SIGTERM once the grace period is over', async () => {
    const task = await createTask('hang');
    await harness.waitForEvent(task.id, (event) => event.type === 'agent.text' && event.text.includes('hanging'));
    const pids = runningAgentProcesses();
    const started = Date.now();
    await harness.engine.call('task/stop', { taskId: task.id });
    await harness.waitFor(task.id, ['stopped'], 10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const pid of pids) expect(processGroupAlive(pid)).toBe(false);
  });

  it('fails at once with a clear message when the model API rejects the agent’s key (401 in its error)', async () => {
    const task = await createTask(
      [
        'say Starting.',
        'fail 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
        'write late.txt never',
      ].join('\n'),
    );
    const failed = await harness.waitFor(task.id, ['done', 'failed'], 15_000);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toBe(
      'Fixture agent: the model API rejected its key or login (HTTP 401). To fix it, nothing to do. (Internal error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})',
    );
    expect(existsSync(join(task.worktreePath, 'late.txt'))).toBe(false);
    // What it said before the failure is in the thread, ahead of the turn's end.
    const events = await harness.threadOf(task.id);
    expect(events.findIndex((event) => event.type === 'agent.text' && event.text.includes('Starting.'))).toBeLessThan(
      events.findIndex((event) => event.type === 'turn.ended'),
    );
    expect(events.findIndex((event) => event.type === 'agent.text')).toBeGreaterThan(-1);
    expect(runningAgentProcesses()).toEqual([]);
  });

  it('says to log in when the agent answers a prompt with ACP’s auth_required, and shows an error’s details', async () => {
    const login = await createTask('login');
    expect((await harness.waitFor(login.id, ['done', 'failed'], 15_000)).lastError).toBe(
      'Fixture agent needs you to log in first: nothing to do. (Authentication required: the stored login expired)',
    );
    const other = await createTask('fail the disk is full');
    expect((await harness.waitFor(other.id, ['done', 'failed'], 15_000)).lastError).toBe(
      'Fixture agent failed: Internal error: the disk is full',
    );
  });

  it('reports installed agents with their command and missing presets with how to install them', async () => {
    const { agents } = await harness.engine.call('agent/list', {});
    const byId = new Map(agents.map((agent) => [agent.id, agent]));
    expect(byId.get('acp:fixture')?.available).toBe(true);
    expect(byId.get('acp:fixture')?.detail).toContain(process.execPath);
    expect(byId.get('acp:gemini')).toMatchObject({ name: 'Gemini CLI (ACP)', available: false });
    expect(byId.get('acp:gemini')?.detail).toContain('npm i -g @google/gemini-cli');
    expect(byId.get('acp:claude')?.detail).toContain('claude-agent-acp');
    expect(byId.get('acp:codex')?.detail).toContain('codex-acp');

    writeFileSync(
      join(harness.home, 'agents.json'),
      JSON.stringify({ agents: { 'acp:fixture': { path: join(harness.root, 'gone') } } }),
    );
    const moved = (await harness.engine.call('agent/list', {})).agents.find((agent) => agent.id === 'acp:fixture');
    expect(moved?.available).toBe(false);
    expect(moved?.detail).toContain('is not an executable file');
  });
});
