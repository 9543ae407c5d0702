import type { IPty } from 'node-pty';
import { terminalScrollbackChars, type TerminalInfo } from '../../shared/terminal.js';
import { OutputBatcher } from './output-batcher.js';
import { Scrollback } from './scrollback.js';

/** What a session tells its desk: a batch of output (numbered), and that its shell ended. */
export interface SessionEvents {
  output(session: TerminalSession, data: string, seq: number): void;
  exited(session: TerminalSession): void;
}

/**
 * One open terminal: its shell's pty, the output kept for later attaches, and the batches sent to clients, numbered
 * by `seq` so an attaching window knows where the kept output ends and the live output goes on.
 */
export class TerminalSession {
  private readonly scrollback = new Scrollback(terminalScrollbackChars);
  private readonly batcher: OutputBatcher;
  private seq = 0;
  private closed = false;
  private readonly exited: Promise<void>;

  constructor(
    private state: TerminalInfo,
    private readonly pty: IPty,
    events: SessionEvents,
  ) {
    this.batcher = new OutputBatcher((data) => {
      this.seq += 1;
      this.scrollback.append(data);
      if (!this.closed) events.output(this, data, this.seq);
    });
    pty.onData((data) => this.batcher.push(data));
    this.exited = new Promise((resolve) => {
      pty.onExit(({ exitCode, signal }) => {
        this.batcher.flush();
        // node-pty reports signal 0 for a shell that exited by itself.
        this.state = { ...this.state, exit: { code: exitCode, signal: signal ? signal : null } };
        resolve();
        if (!this.closed) events.exited(this);
      });
    });
  }

  /** The terminal as clients see it. */
  get info(): TerminalInfo {
    return this.state;
  }

  /** The kept output and the seq of the last batch in it (pending output is sent first, so nothing falls between). */
  attach(): { scrollback: string; seq: number } {
    this.batcher.flush();
    return { scrollback: this.scrollback.text(), seq: this.seq };
  }

  /** Types into the shell; ignored once it has ended. */
  write(data: string): void {
    if (this.state.exit === null) this.pty.write(data);
  }

  /** Changes the pty's size (the shell gets SIGWINCH). */
  resize(cols: number, rows: number): void {
    if (this.state.exit === null) this.pty.resize(cols, rows);
    this.state = { ...this.state, cols, rows };
  }

  /** Ends the shell (hang-up, then kill if it lingers) and waits for it; no event is sent after this. */
  async close(): Promise<void> {
    if (this.closed) return this.exited;
    this.closed = true;
    if (this.state.exit !== null) return;
    // Windows ptys take no signal names.
    const windows = process.platform === 'win32';
    this.pty.kill(windows ? undefined : 'SIGHUP');
    const lingering = setTimeout(() => {
      if (this.state.exit === null) this.pty.kill(windows ? undefined : 'SIGKILL');
    }, 2_000);
    await this.exited;
    clearTimeout(lingering);
  }
}
