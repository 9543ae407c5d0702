import type { z } from 'zod';
import type { CommandName, CommandResult, commands } from '../../shared/commands.js';
import type { EngineContext } from '../engine-context.js';

/** A command's implementation: validated params in, result out. */
export type Handler<C extends CommandName> = (context: EngineContext, params: z.output<(typeof commands)[C]['params']>) => Promise<CommandResult<C>>;

/** Implementations for a group of commands. */
export type Handlers<C extends CommandName> = { [K in C]: Handler<K> };
