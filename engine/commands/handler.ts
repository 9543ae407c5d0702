import type { CommandName, CommandResult } from '../../shared/commands.js';
import type { CommandInput, EngineContext } from '../engine-context.js';

/** A command's implementation: validated params in, result out. */
export type Handler<C extends CommandName> = (
  context: EngineContext,
  params: CommandInput<C>,
) => Promise<CommandResult<C>>;

/** Implementations for a group of commands. */
export type Handlers<C extends CommandName> = { [K in C]: Handler<K> };
