import type { EngineChange } from '../../../shared/engine-events.js';
import type { TerminalInfo } from '../../../shared/terminal.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';

/**
 * The terminals of the tasks this window looked at, as the engine last told it (their output goes straight to the
 * terminal views, never through the store), the one shown per task, and why none can be opened, if so.
 */
export interface TerminalsSlice {
  /** Open terminals by task, oldest first. */
  terminals: Record<string, TerminalInfo[]>;
  /** The terminal shown on a task's Terminal tab. */
  shownTerminal: Record<string, string>;
  /** Why this engine cannot open terminals (node-pty did not load); null when it can, or before the first load. */
  terminalsUnavailable: string | null;
  loadTerminals(taskId: string): Promise<void>;
  /** Opens one more terminal on the task and shows it; rejects with the engine's refusal. */
  openTerminal(taskId: string, size: { cols: number; rows: number }): Promise<void>;
  closeTerminal(terminal: Pick<TerminalInfo, 'terminalId' | 'taskId'>): Promise<void>;
  showTerminal(taskId: string, terminalId: string): void;
}

type TerminalState = Pick<TerminalsSlice, 'terminals' | 'shownTerminal'>;

/** Applies a terminal opening, ending or closing (output changes leave the state as it is). */
export function applyTerminalChange<S extends TerminalState>(state: S, change: EngineChange): S {
  switch (change.type) {
    case 'terminal.opened':
    case 'terminal.exited':
      return withTerminal(state, change.terminal);
    case 'terminal.closed':
      return withoutTerminal(state, change.taskId, change.terminalId);
    default:
      return state;
  }
}

function withTerminal<S extends TerminalState>(state: S, terminal: TerminalInfo): S {
  const list = state.terminals[terminal.taskId] ?? [];
  const next = list.some((one) => one.terminalId === terminal.terminalId)
    ? list.map((one) => (one.terminalId === terminal.terminalId ? terminal : one))
    : [...list, terminal];
  return { ...state, terminals: { ...state.terminals, [terminal.taskId]: next } };
}

function withoutTerminal<S extends TerminalState>(state: S, taskId: string, terminalId: string): S {
  const list = state.terminals[taskId] ?? [];
  if (!list.some((one) => one.terminalId === terminalId)) return state;
  const next = list.filter((one) => one.terminalId !== terminalId);
  const shown = { ...state.shownTerminal };
  // The neighbour that took the closed tab's place is shown instead.
  if (shown[taskId] === terminalId) {
    const index = list.findIndex((one) => one.terminalId === terminalId);
    const neighbour = next[Math.min(index, next.length - 1)];
    if (neighbour) shown[taskId] = neighbour.terminalId;
    else delete shown[taskId];
  }
  return { ...state, terminals: { ...state.terminals, [taskId]: next }, shownTerminal: shown };
}

/** Creates the terminals slice. */
export const createTerminalsSlice: Slice<TerminalsSlice> = (set, get) => ({
  terminals: {},
  shownTerminal: {},
  terminalsUnavailable: null,
  async loadTerminals(taskId) {
    const { terminals, unavailable } = await requireClient(get()).call('terminal/list', { taskId });
    set((state) => {
      const shown = state.shownTerminal[taskId];
      const keep = shown !== undefined && terminals.some((one) => one.terminalId === shown);
      const first = terminals[0];
      return {
        terminals: { ...state.terminals, [taskId]: terminals },
        terminalsUnavailable: unavailable,
        shownTerminal: keep || !first ? state.shownTerminal : { ...state.shownTerminal, [taskId]: first.terminalId },
      };
    });
  },
  async openTerminal(taskId, size) {
    const { terminal } = await requireClient(get()).call('terminal/open', { taskId, ...size });
    set((state) => ({
      ...withTerminal(state, terminal),
      shownTerminal: { ...state.shownTerminal, [taskId]: terminal.terminalId },
    }));
  },
  async closeTerminal({ terminalId, taskId }) {
    await requireClient(get()).call('terminal/close', { terminalId });
    set((state) => withoutTerminal(state, taskId, terminalId));
  },
  showTerminal(taskId, terminalId) {
    set((state) => ({ shownTerminal: { ...state.shownTerminal, [taskId]: terminalId } }));
  },
});
