// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../../shared/terminal.js';
import { loadStore, sampleRepo } from '../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../testing/renderer/events.js';
import { scriptedClient } from '../../../testing/renderer/fake-client.js';
import { applyTerminalChange, type TerminalsSlice } from '../store/terminals-slice.js';
import { TerminalTab } from './terminal-tab.js';

afterEach(() => {
  cleanup();
  delete (window as { flotilla?: unknown }).flotilla;
});

const reason = 'node-pty could not load: invalid ELF header. Rebuild it for this Node or Electron.';
const worktree = '/home/me/.flotilla/worktrees/app/t1';

function setUp(task = sampleTask({ id: 't1', status: 'done', hasWorktree: true, worktreePath: worktree })) {
  const client = scriptedClient({ 'terminal/list': () => ({ terminals: [], unavailable: reason }) });
  loadStore(client, [sampleRepo()], [task]);
  return client;
}

describe('the Terminal tab where the engine cannot run terminals', () => {
  it('says why and, in a browser, shows the worktree to open a terminal of your own in', async () => {
    const client = setUp();
    render(<TerminalTab taskId="t1" />);
    const message = await screen.findByTestId('terminal-unavailable');
    expect(message.textContent).toContain('invalid ELF header');
    expect(message.textContent).toContain(worktree);
    expect(client.calls.map((call) => call.method)).toEqual(['terminal/list']);
  });

  it('offers Open in terminal in the desktop app, which opens the system terminal in the worktree', async () => {
    setUp();
    const opened: string[] = [];
    (window as { flotilla?: unknown }).flotilla = {
      'dialog/pickFolder': async () => ({ path: null }),
      'shell/openInTerminal': async ({ path }: { path: string }) => {
        opened.push(path);
        return {};
      },
    };
    render(<TerminalTab taskId="t1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open in terminal' }));
    await waitFor(() => expect(opened).toEqual([worktree]));
  });

  it('says there is nowhere to open one for a task without a worktree, and asks the engine nothing', () => {
    const client = setUp(sampleTask({ id: 't1', status: 'discarded', hasWorktree: false, worktreePath: worktree }));
    render(<TerminalTab taskId="t1" />);
    expect(screen.getByTestId('terminal-message').textContent).toContain('no worktree');
    expect(client.calls).toEqual([]);
  });
});

describe('terminal tabs as the engine reports them', () => {
  const terminal = (terminalId: string): TerminalInfo => ({
    terminalId,
    taskId: 't1',
    title: terminalId,
    shell: '/bin/bash',
    cwd: worktree,
    cols: 80,
    rows: 24,
    openedAt: '2026-01-01T00:00:00Z',
    exit: null,
  });

  it('adds opened terminals, marks ended ones, and shows the neighbour when the shown one closes', () => {
    let state: Pick<TerminalsSlice, 'terminals' | 'shownTerminal'> = { terminals: {}, shownTerminal: {} };
    for (const id of ['a', 'b', 'c'])
      state = applyTerminalChange(state, { type: 'terminal.opened', terminal: terminal(id) });
    state = { ...state, shownTerminal: { t1: 'b' } };
    state = applyTerminalChange(state, {
      type: 'terminal.exited',
      terminal: { ...terminal('a'), exit: { code: 0, signal: null } },
    });
    expect(state.terminals.t1?.map((one) => [one.terminalId, one.exit?.code ?? null])).toEqual([
      ['a', 0],
      ['b', null],
      ['c', null],
    ]);
    state = applyTerminalChange(state, { type: 'terminal.closed', terminalId: 'b', taskId: 't1', reason: 'closed' });
    expect(state.terminals.t1?.map((one) => one.terminalId)).toEqual(['a', 'c']);
    expect(state.shownTerminal).toEqual({ t1: 'c' });
    const same = applyTerminalChange(state, {
      type: 'terminal.output',
      terminalId: 'a',
      taskId: 't1',
      data: 'x',
      seq: 1,
    });
    expect(same).toBe(state);
  });
});
