import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineChange } from '../../shared/engine-events.js';
import type { Task } from '../../shared/task.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { EngineError } from '../errors.js';
import { loadNodePty } from './pty-loader.js';

// The terminal runs $SHELL. A plain sh keeps these tests off this machine's own shell start-up (an interactive bash
// here runs pyenv's rc lines, which take a lock that a test's killed shell can leave behind, stalling every later
// bash for a minute); what the tests check is the engine's terminal, not the user's shell set-up.
process.env.SHELL = '/bin/sh';

let harness: EngineHarness | null = null;
afterEach(async () => {
  await harness?.dispose();
  harness = null;
});

/** A harness with one finished task (so it has a worktree) and every engine change it sends from now on. */
async function withTask(): Promise<{ h: EngineHarness; task: Task; changes: EngineChange[] }> {
  const load = await loadNodePty();
  // These tests drive a real pty: where node-pty did not build, they must fail and say why, not pass quietly.
  if (!load.ok) throw new Error(`node-pty did not load here: ${load.reason}`);
  const h = await startHarness();
  harness = h;
  const changes: EngineChange[] = [];
  h.engine.onChange((change) => changes.push(change));
  const created = await h.createTask('write notes.txt hello');
  const task = await h.waitFor(created.id, ['done']);
  return { h, task, changes };
}

/** What a terminal printed so far, from its terminal.output changes in seq order. */
function printed(changes: EngineChange[], terminalId: string): string {
  return changes
    .filter((change) => change.type === 'terminal.output' && change.terminalId === terminalId)
    .map((change) => (change.type === 'terminal.output' ? change.data : ''))
    .join('');
}

async function eventually(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The line `pwd` prints: the folder alone on its line. */
const pwdLine = (folder: string) =>
  new RegExp(`(^|[\\r\\n]|[#$] )${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\r?\\n`);

describe('terminals in a task worktree (real pty, real git)', () => {
  it('runs a shell in the worktree: typed `pwd` prints its folder, numbered output reaches every client', async () => {
    const { h, task, changes } = await withTask();
    const { terminal } = await h.engine.call('terminal/open', { taskId: task.id, cols: 80, rows: 24 });
    expect(terminal).toMatchObject({ taskId: task.id, cwd: task.worktreePath, title: 'Terminal 1', exit: null });
    expect(changes).toContainEqual({ type: 'terminal.opened', terminal });

    await h.engine.call('terminal/input', { terminalId: terminal.terminalId, data: 'pwd\r' });
    await eventually(() => pwdLine(task.worktreePath).test(printed(changes, terminal.terminalId)), 'pwd output');
    const seqs = changes.flatMap((change) =>
      change.type === 'terminal.output' && change.terminalId === terminal.terminalId ? [change.seq] : [],
    );
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));

    const second = (await h.engine.call('terminal/open', { taskId: task.id, cols: 80, rows: 24 })).terminal;
    expect(second.title).toBe('Terminal 2');
    const { terminals } = await h.engine.call('terminal/list', { taskId: task.id });
    expect(terminals.map((one) => one.terminalId)).toEqual([terminal.terminalId, second.terminalId]);
  });

  it('resizes: the shell sees the new size', async () => {
    const { h, task, changes } = await withTask();
    const { terminal } = await h.engine.call('terminal/open', { taskId: task.id, cols: 80, rows: 24 });
    const resized = await h.engine.call('terminal/resize', { terminalId: terminal.terminalId, cols: 100, rows: 30 });
    expect(resized.terminal).toMatchObject({ cols: 100, rows: 30 });
    await h.engine.call('terminal/input', { terminalId: terminal.terminalId, data: 'stty size\r' });
    // Typed before the first prompt, the answer can follow that prompt ("# 30 100") rather than a line break.
    await eventually(
      () => /(^|[\r\n]|[#$] )30 100\r?\n/.test(printed(changes, terminal.terminalId)),
      'stty size output',
    );
  });

  it('keeps the output for a window that attaches later, up to where the live output goes on', async () => {
    const { h, task, changes } = await withTask();
    const { terminal } = await h.engine.call('terminal/open', { taskId: task.id, cols: 80, rows: 24 });
    await h.engine.call('terminal/input', { terminalId: terminal.terminalId, data: 'echo kept-$((40+2))\r' });
    await eventually(() => printed(changes, terminal.terminalId).includes('kept-42'), 'echo output');

    const attached = await h.engine.call('terminal/attach', { terminalId: terminal.terminalId });
    expect(attached.scrollback).toContain('kept-42');
    // The scrollback is exactly the output up to its seq; the live output goes on from the next one.
    const upTo = changes.filter(
      (change) =>
        change.type === 'terminal.output' && change.terminalId === terminal.terminalId && change.seq <= attached.seq,
    );
    expect(upTo.map((change) => (change.type === 'terminal.output' ? change.data : '')).join('')).toBe(
      attached.scrollback,
    );
    await h.engine.call('terminal/input', { terminalId: terminal.terminalId, data: 'echo after-$((1+1))\r' });
    await eventually(() => printed(changes, terminal.terminalId).includes('after-2'), 'later output');
    expect(
      changes.filter((change) => change.type === 'terminal.output' && change.seq === attached.seq + 1),
    ).toHaveLength(1);

    // Terminal output never goes into the task's thread (nor its log on disk).
    const logs = readdirSync(join(h.home, 'threads'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
      .join('');
    expect(logs).not.toContain('kept-42');
  });

  it('keeps a terminal whose shell ended, saying how, until it is closed', async () => {
    const { h, task, changes } = await withTask();
    const { terminal } = await h.engine.call('terminal/open', { taskId: task.id, cols: 80, rows: 24 });
    await h.engine.call('terminal/input', { terminalId: terminal.terminalId, data: 'exit 3\r' });
    await eventually(() => changes.some((change) => change.type === 'terminal.exited'), 'the shell to end');
    const [listed] = (await h.engine.call('terminal/list', { taskId: task.id })).terminals;
    expect(listed?.exit).toEqual({ code: 3, signal: null });
    // Typing into an ended shell does nothing (and fails nothing).
    await h.engine.call('terminal/input', { terminalId: terminal.terminalId, data: 'echo nothing\r' });
    expect(await h.engine.call('terminal/close', { terminalId: terminal.terminalId })).toEqual({ closed: true });
    expect(await h.engine.call('terminal/close', { terminalId: terminal.terminalId })).toEqual({ closed: false });
    expect((await h.engine.call('terminal/list', { taskId: task.id })).terminals).toEqual([]);
  });

  it('closes the task’s terminals when it is discarded, ending the shell', async () => {
    const { h, task, changes } = await withTask();
    const { terminal } = await h.engine.call('terminal/open', { taskId: task.id, cols: 80, rows: 24 });
    await h.engine.call('terminal/input', { terminalId: terminal.terminalId, data: 'echo "pid=$$"\r' });
    await eventually(() => /pid=\d+/.test(printed(changes, terminal.terminalId)), 'the shell pid');
    const pid = Number(/pid=(\d+)/.exec(printed(changes, terminal.terminalId))?.[1]);

    await h.engine.call('task/discard', { taskId: task.id });
    expect(changes).toContainEqual({
      type: 'terminal.closed',
      terminalId: terminal.terminalId,
      taskId: task.id,
      reason: 'worktreeRemoved',
    });
    expect((await h.engine.call('terminal/list', { taskId: task.id })).terminals).toEqual([]);
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(h.engine.call('terminal/attach', { terminalId: terminal.terminalId })).rejects.toThrow(
      /No open terminal .*Open a new one/,
    );
    await expect(h.engine.call('terminal/open', { taskId: task.id, cols: 80, rows: 24 })).rejects.toMatchObject({
      code: 'taskDiscarded',
    });
  });

  it('closes the task’s terminals when a merge removes its worktree', async () => {
    const { h, task, changes } = await withTask();
    const { terminal } = await h.engine.call('terminal/open', { taskId: task.id, cols: 80, rows: 24 });
    const merged = await h.engine.call('task/merge', { taskId: task.id, removeWorktree: true });
    expect(merged.removedWorktree).toBe(task.worktreePath);
    expect(changes).toContainEqual({
      type: 'terminal.closed',
      terminalId: terminal.terminalId,
      taskId: task.id,
      reason: 'worktreeRemoved',
    });
    await expect(h.engine.call('terminal/open', { taskId: task.id, cols: 80, rows: 24 })).rejects.toMatchObject({
      code: 'noWorktree',
    });
  });

  it('ends every shell when the engine stops', async () => {
    const { h, task, changes } = await withTask();
    const { terminal } = await h.engine.call('terminal/open', { taskId: task.id, cols: 80, rows: 24 });
    await h.engine.call('terminal/input', { terminalId: terminal.terminalId, data: 'echo "pid=$$"\r' });
    await eventually(() => /pid=\d+/.test(printed(changes, terminal.terminalId)), 'the shell pid');
    const pid = Number(/pid=(\d+)/.exec(printed(changes, terminal.terminalId))?.[1]);
    await h.engine.close();
    expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('terminals where node-pty cannot load', () => {
  it('says why in terminal/list and refuses terminal/open with terminalUnavailable', async () => {
    const reason = 'node-pty could not load: invalid ELF header. Rebuild it for this Node or Electron.';
    harness = await startHarness({ ptyLoader: async () => ({ ok: false, reason }) });
    const created = await harness.createTask('write notes.txt hello');
    const task = await harness.waitFor(created.id, ['done']);
    expect(await harness.engine.call('terminal/list', { taskId: task.id })).toEqual({
      terminals: [],
      unavailable: reason,
    });
    const refused = await harness.engine
      .call('terminal/open', { taskId: task.id, cols: 80, rows: 24 })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EngineError);
    expect(refused).toMatchObject({ code: 'terminalUnavailable', details: { reason } });
    expect((refused as Error).message).toContain('invalid ELF header');
  });
});
