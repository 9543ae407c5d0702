import { z } from 'zod';
import { errorDataSchema } from './errors.js';
import { engineChangeMethod, engineChangeSchema } from './engine-events.js';
import { threadEventSchema } from './events.js';

/** Schema for a request from a client: one command call. */
export const requestMessageSchema = z.object({
  id: z.number().int(),
  method: z.string(),
  params: z.unknown().optional(),
});
/** A request from a client. */
export type RequestMessage = z.infer<typeof requestMessageSchema>;

/** Schema for every message the engine host sends a client. */
export const serverMessageSchema = z.union([
  z.object({ id: z.number().int(), result: z.unknown() }),
  z.object({ id: z.number().int(), error: errorDataSchema }),
  z.object({ method: z.literal('thread/event'), params: threadEventSchema }),
  z.object({ method: z.literal(engineChangeMethod), params: engineChangeSchema }),
]);
/** A message the engine host sends a client. */
export type ServerMessage = z.infer<typeof serverMessageSchema>;
