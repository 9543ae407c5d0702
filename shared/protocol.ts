import { z } from 'zod';
import { errorDataSchema } from './errors.js';
import { engineChangeMethod, engineChangeSchema } from './engine-events.js';
import { threadEventSchema } from './events.js';

/**
 * The version of the wire protocol below. A client and an engine with different versions refuse to talk (saying which
 * side to update); bump it on any change an older peer would misread.
 */
export const protocolVersion = 1;

/** The method of the first line `flotilla serve --stdio` writes: who is answering, before any other frame. */
export const helloMethod = 'engine/hello';

/** Schema for the hello a stdio engine (a remote host over ssh) sends first. */
export const engineHelloSchema = z.object({
  protocolVersion: z.number().int(),
  engineVersion: z.string(),
  nodeVersion: z.string(),
  home: z.string(),
  pid: z.number().int(),
});
/** What a stdio engine says about itself first. */
export type EngineHello = z.infer<typeof engineHelloSchema>;

/** Schema for a request from a client: one command call. */
export const requestMessageSchema = z.object({
  id: z.number().int(),
  method: z.string(),
  params: z.unknown().optional(),
});
/** A request from a client. */
export type RequestMessage = z.infer<typeof requestMessageSchema>;

/** Schema for every message the engine host sends a client (after the hello, on stdio). */
export const serverMessageSchema = z.union([
  z.object({ id: z.number().int(), result: z.unknown() }),
  z.object({ id: z.number().int(), error: errorDataSchema }),
  z.object({ method: z.literal('thread/event'), params: threadEventSchema }),
  z.object({ method: z.literal(engineChangeMethod), params: engineChangeSchema }),
]);
/** A message the engine host sends a client. */
export type ServerMessage = z.infer<typeof serverMessageSchema>;
