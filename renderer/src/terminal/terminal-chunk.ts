import type * as terminalPanel from './terminal-panel.js';

/** The terminal feature's module (the panel, xterm.js and its styles), loaded on demand. */
export type TerminalModule = typeof terminalPanel;

let loaded: TerminalModule | null = null;
let loading: Promise<TerminalModule> | null = null;

/** The terminal feature's module once it has loaded; null before. */
export function loadedTerminalModule(): TerminalModule | null {
  return loaded;
}

/** Loads the terminal chunk once; a failed load is tried afresh by the next caller. */
export function loadTerminalModule(): Promise<TerminalModule> {
  loading ??= import('./terminal-panel.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
