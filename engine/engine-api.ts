import type { CommandName, CommandParams, CommandResult } from '../shared/commands.js';
import type { EngineChange } from '../shared/engine-events.js';
import type { ThreadEvent } from '../shared/events.js';

/**
 * What every host and client sees of an engine: command calls and one stream of thread events
 * and configuration changes (two subscriptions, delivered in the order the engine emits them).
 * The in-process engine and the WebSocket client both implement it, so the CLI, the server and
 * the Electron main process do not care which one they hold.
 */
export interface EngineApi {
  /** Runs a command; params are validated against the shared schema, failures throw EngineError. */
  call<C extends CommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>>;
  /** Receives every thread event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: ThreadEvent) => void): () => void;
  /**
   * Receives every configuration change (repositories, settings, providers, prices, agents) from now on; returns the
   * unsubscribe function.
   */
  onChange(listener: (change: EngineChange) => void): () => void;
  /** Stops running agents (recording their state) and releases resources. */
  close(): Promise<void>;
}
