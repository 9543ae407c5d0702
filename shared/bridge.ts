import type { CommandName, CommandParams, CommandResult } from './commands.js';
import type { ThreadEvent } from './events.js';

/**
 * What the Electron preload exposes on `window.flotilla`: one typed function per command, keyed
 * by the command's name, plus an event subscription. Derived from the command map, never written by hand.
 */
export type Bridge = { readonly [C in CommandName]: (params: CommandParams<C>) => Promise<CommandResult<C>> } & {
  /** Receives every thread event; returns the unsubscribe function. */
  onEvent(listener: (event: ThreadEvent) => void): () => void;
};
