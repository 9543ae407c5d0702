import { errorDataSchema, type ErrorData } from '../../shared/errors.js';
import { engineChangeSchema, type EngineChange } from '../../shared/engine-events.js';
import { threadEventSchema, type ThreadEvent } from '../../shared/events.js';

/**
 * Checks what an engine sent against the contract's schemas; null when it does not match. Loaded by a client only when
 * a frame needs checking (see frameClient), so a command that only asks and answers never loads zod.
 */
export interface FrameChecks {
  event(value: unknown): ThreadEvent | null;
  change(value: unknown): EngineChange | null;
  error(value: unknown): ErrorData | null;
}

/** The contract's checks for frames from an engine. */
export const frameChecks: FrameChecks = {
  event: (value) => threadEventSchema.safeParse(value).data ?? null,
  change: (value) => engineChangeSchema.safeParse(value).data ?? null,
  error: (value) => errorDataSchema.safeParse(value).data ?? null,
};
