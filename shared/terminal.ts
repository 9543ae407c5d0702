import { z } from 'zod';

/** Characters of output the engine keeps per terminal for a window that attaches later (a reload, a second window). */
export const terminalScrollbackChars = 256 * 1024;
/** Terminals one task may have open at once. */
export const maxTerminalsPerTask = 8;

const size = {
  cols: z.number().int().min(2, 'A terminal is at least 2 columns wide.').max(1000, 'At most 1000 columns.'),
  rows: z.number().int().min(1, 'A terminal is at least 1 row high.').max(500, 'At most 500 rows.'),
};
const terminalRef = {
  terminalId: z.string().min(1, 'Give a terminal id (see `terminal/list`).'),
};

/** Schema for an open terminal: a shell the engine runs, as the user, in a task's worktree. */
export const terminalInfoSchema = z.object({
  terminalId: z.string(),
  taskId: z.string(),
  /** What the tab shows: "Terminal 1", "Terminal 2"… in the order the task's terminals were opened. */
  title: z.string(),
  /** The shell program. */
  shell: z.string(),
  /** The folder it started in: the task's worktree. */
  cwd: z.string(),
  cols: z.number().int(),
  rows: z.number().int(),
  openedAt: z.string(),
  /** Set once the shell has ended (the tab stays, with its output, until closed). */
  exit: z.object({ code: z.number().int().nullable(), signal: z.number().int().nullable() }).nullable(),
});
/** An open terminal. */
export type TerminalInfo = z.infer<typeof terminalInfoSchema>;

/** The terminal commands (spread into the command map in commands.ts). */
export const terminalCommands = {
  /**
   * Opens a shell (the user's $SHELL) in a task's worktree, as the user and outside the agent sandbox. Fails with
   * terminalUnavailable, saying why, where the engine cannot run terminals (node-pty did not load).
   */
  'terminal/open': {
    params: z.object({ taskId: z.string().min(1, 'Give a task id (see `flotilla list`).'), ...size }),
    result: z.object({ terminal: terminalInfoSchema }),
  },
  /**
   * A task's open terminals (or every one); `unavailable` says why none can be opened here (null when they can).
   */
  'terminal/list': {
    params: z.object({ taskId: z.string().min(1).optional() }),
    result: z.object({ terminals: z.array(terminalInfoSchema), unavailable: z.string().nullable() }),
  },
  /**
   * A terminal's kept output (the last part, up to terminalScrollbackChars) and the seq of the last output it holds:
   * later terminal.output changes continue it.
   */
  'terminal/attach': {
    params: z.object(terminalRef),
    result: z.object({ terminal: terminalInfoSchema, scrollback: z.string(), seq: z.number().int().nonnegative() }),
  },
  /** Types into a terminal (keys, pasted text). */
  'terminal/input': {
    params: z.object({ ...terminalRef, data: z.string().max(1024 * 1024, 'Send at most 1 MB at once.') }),
    result: z.object({}),
  },
  /** Sets a terminal's size in characters. */
  'terminal/resize': {
    params: z.object({ ...terminalRef, ...size }),
    result: z.object({ terminal: terminalInfoSchema }),
  },
  /** Ends a terminal's shell (if still running) and forgets it; `closed` is false when there was no such terminal. */
  'terminal/close': { params: z.object(terminalRef), result: z.object({ closed: z.boolean() }) },
} as const;

/**
 * The engine changes terminals send every client: opened, output (batched, numbered per terminal by `seq`), the
 * shell ended, closed (by a client, or because the task's worktree was removed). Output is never written to a thread.
 */
export const terminalChangeSchemas = [
  z.object({ type: z.literal('terminal.opened'), terminal: terminalInfoSchema }),
  z.object({
    type: z.literal('terminal.output'),
    terminalId: z.string(),
    taskId: z.string(),
    data: z.string(),
    seq: z.number().int().positive(),
  }),
  z.object({ type: z.literal('terminal.exited'), terminal: terminalInfoSchema }),
  z.object({
    type: z.literal('terminal.closed'),
    terminalId: z.string(),
    taskId: z.string(),
    /** Why: closed by a client, the worktree was removed, or the engine stopped. */
    reason: z.enum(['closed', 'worktreeRemoved', 'engineStopped']),
  }),
] as const;
