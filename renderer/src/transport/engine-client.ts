import type { CommandName, CommandParams, CommandResult } from '../../../shared/commands.js';
import type { EngineChange } from '../../../shared/engine-events.js';
import type { ThreadEvent } from '../../../shared/events.js';

/**
 * Whether the renderer is connected to the engine: `connecting` covers the first attempt and every
 * reconnect; `unauthorized` means the token was refused and retrying cannot help.
 */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

/**
 * The renderer's one way to reach the engine, whichever transport carries it: the preload bridge
 * in Electron, or the token-authenticated WebSocket in a browser.
 */
export interface EngineClient {
  call<C extends CommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>>;
  /** Receives events in batches (one per animation frame); returns the unsubscribe function. */
  subscribe(listener: (events: readonly ThreadEvent[]) => void): () => void;
  /**
   * Receives every configuration change (repositories, settings, providers, prices, agents), in stream order; returns
   * the unsubscribe function.
   */
  onChange(listener: (change: EngineChange) => void): () => void;
  /** Tells the current state at once, then every change; returns the unsubscribe function. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Disconnects for good (tests, page unload). */
  close?(): void;
}
