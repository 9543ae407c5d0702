import { randomUUID } from 'node:crypto';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import { maxTerminalsPerTask, type TerminalInfo } from '../../shared/terminal.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { requireWorktree } from '../tasks/task-guard.js';
import { loadNodePty, type PtyLoader } from './pty-loader.js';
import { terminalEnvironment, userShell } from './shell.js';
import { TerminalSession } from './terminal-session.js';

/** Why a terminal closed, as terminal.closed tells it. */
export type CloseReason = 'closed' | 'worktreeRemoved' | 'engineStopped';

/**
 * The engine's terminals: shells in tasks' worktrees, run as the user outside the agent sandbox. Several per task;
 * their output goes to every client as terminal.* changes (never into a thread) and the last part of it is kept for
 * windows that attach later. A task's terminals close before its worktree is removed, and all of them when the
 * engine stops.
 */
export class TerminalDesk {
  private readonly sessions = new Map<string, TerminalSession>();
  private readonly openedPerTask = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly context: () => EngineContext,
    private readonly emitChange: (change: EngineChange) => void,
    private readonly loadPty: PtyLoader = loadNodePty,
  ) {}

  /** Why no terminal can be opened here, or null when one can. */
  async unavailable(): Promise<string | null> {
    const load = await this.loadPty();
    return load.ok ? null : load.reason;
  }

  /** Opens a shell in the task's worktree. */
  async open(taskId: string, size: { cols: number; rows: number }): Promise<TerminalInfo> {
    if (this.stopped) throw new EngineError('engineUnavailable', 'The engine is shutting down.');
    const worktree = requireWorktree(this.context().store.require(taskId), 'review');
    const load = await this.loadPty();
    if (!load.ok)
      throw new EngineError('terminalUnavailable', `This engine cannot open terminals: ${load.reason}`, {
        reason: load.reason,
      });
    if (this.list(taskId).length >= maxTerminalsPerTask)
      throw new EngineError(
        'invalidInput',
        `Task ${taskId} already has ${maxTerminalsPerTask} terminals open; close one first.`,
      );
    const shell = userShell();
    const pty = load.spawn(shell.file, shell.args, {
      name: 'xterm-256color',
      cols: size.cols,
      rows: size.rows,
      cwd: worktree,
      env: terminalEnvironment(process.env, { taskId, worktree }),
    });
    const number = (this.openedPerTask.get(taskId) ?? 0) + 1;
    this.openedPerTask.set(taskId, number);
    const info: TerminalInfo = {
      terminalId: `term-${randomUUID().slice(0, 8)}`,
      taskId,
      title: `Terminal ${number}`,
      shell: shell.file,
      cwd: worktree,
      cols: size.cols,
      rows: size.rows,
      openedAt: new Date().toISOString(),
      exit: null,
    };
    const session = new TerminalSession(info, pty, {
      output: (from, data, seq) =>
        this.emitChange({ type: 'terminal.output', terminalId: from.info.terminalId, taskId, data, seq }),
      exited: (from) => this.emitChange({ type: 'terminal.exited', terminal: from.info }),
    });
    this.sessions.set(info.terminalId, session);
    this.emitChange({ type: 'terminal.opened', terminal: info });
    return info;
  }

  /** The open terminals of one task (or all), oldest first. */
  list(taskId?: string): TerminalInfo[] {
    return [...this.sessions.values()]
      .map((session) => session.info)
      .filter((info) => taskId === undefined || info.taskId === taskId);
  }

  /** A terminal's kept output and where the live output goes on. */
  attach(terminalId: string): { terminal: TerminalInfo; scrollback: string; seq: number } {
    const session = this.require(terminalId);
    return { terminal: session.info, ...session.attach() };
  }

  /** Types into a terminal. */
  input(terminalId: string, data: string): void {
    this.require(terminalId).write(data);
  }

  /** Resizes a terminal. */
  resize(terminalId: string, cols: number, rows: number): TerminalInfo {
    const session = this.require(terminalId);
    session.resize(cols, rows);
    return session.info;
  }

  /** Ends a terminal's shell and forgets it; false when there was none by that id. */
  async close(terminalId: string, reason: CloseReason = 'closed'): Promise<boolean> {
    const session = this.sessions.get(terminalId);
    if (!session) return false;
    this.sessions.delete(terminalId);
    await session.close();
    this.emitChange({ type: 'terminal.closed', terminalId, taskId: session.info.taskId, reason });
    return true;
  }

  /** Closes every terminal of a task (before its worktree is removed). */
  async closeTask(taskId: string, reason: CloseReason = 'worktreeRemoved'): Promise<void> {
    await Promise.all(this.list(taskId).map((info) => this.close(info.terminalId, reason)));
  }

  /** Follows task events: a worktree removed by any path (a discard, a merge's clean-up) closes its terminals. */
  observe(event: ThreadEvent): void {
    if (event.type === 'discarded' || event.type === 'worktree.removed') void this.closeTask(event.taskId);
  }

  /** Closes every terminal for good (engine shutdown). */
  async closeAll(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id, 'engineStopped')));
  }

  private require(terminalId: string): TerminalSession {
    const session = this.sessions.get(terminalId);
    if (!session)
      throw new EngineError(
        'notFound',
        `No open terminal ${terminalId}: it was closed, its worktree was removed, or the engine restarted. Open a new one.`,
      );
    return session;
  }
}
