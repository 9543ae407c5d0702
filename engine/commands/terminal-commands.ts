import type { Handlers } from './handler.js';

type TerminalCommand =
  'terminal/open' | 'terminal/list' | 'terminal/attach' | 'terminal/input' | 'terminal/resize' | 'terminal/close';

/** Terminals in tasks' worktrees (engine/terminals/terminal-desk.ts). */
export const terminalCommands: Handlers<TerminalCommand> = {
  async 'terminal/open'(context, { taskId, cols, rows }) {
    return { terminal: await context.terminals.open(taskId, { cols, rows }) };
  },
  async 'terminal/list'(context, { taskId }) {
    return { terminals: context.terminals.list(taskId), unavailable: await context.terminals.unavailable() };
  },
  async 'terminal/attach'(context, { terminalId }) {
    return context.terminals.attach(terminalId);
  },
  async 'terminal/input'(context, { terminalId, data }) {
    context.terminals.input(terminalId, data);
    return {};
  },
  async 'terminal/resize'(context, { terminalId, cols, rows }) {
    return { terminal: context.terminals.resize(terminalId, cols, rows) };
  },
  async 'terminal/close'(context, { terminalId }) {
    return { closed: await context.terminals.close(terminalId) };
  },
};
