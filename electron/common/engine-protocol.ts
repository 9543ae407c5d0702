import { z } from 'zod';
import { automationRunSchema } from '../../shared/automation.js';
import { engineChangeMethod, engineChangeSchema, type EngineChange } from '../../shared/engine-events.js';
import { errorDataSchema } from '../../shared/errors.js';
import { threadEventSchema, type ThreadEvent } from '../../shared/events.js';
import { hostNameSchema } from '../../shared/hosts.js';
import { providerIdSchema } from '../../shared/repo.js';

/** Provider API keys handed to the engine process in memory (never written by it). */
export const providerKeysSchema = z.partialRecord(providerIdSchema, z.string().min(1));
/** Provider API keys handed to the engine process. */
export type ProviderKeys = z.infer<typeof providerKeysSchema>;

/**
 * Messages from the main process to the engine process. `init` must come first (keys before any
 * agent can start); `attachEvents` carries a MessagePort as its transferred port. A `call` or `attachEvents` with
 * `host` is about that remote host (hosts.json) rather than this machine's engine.
 */
export const toEngineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), keys: providerKeysSchema }),
  z.object({
    type: z.literal('call'),
    id: z.number().int(),
    method: z.string(),
    params: z.unknown(),
    host: hostNameSchema.optional(),
  }),
  z.object({
    type: z.literal('setKey'),
    id: z.number().int(),
    provider: providerIdSchema,
    apiKey: z.string().min(1).nullable(),
  }),
  z.object({ type: z.literal('attachEvents'), host: hostNameSchema.optional() }),
  z.object({ type: z.literal('shutdown') }),
]);
/** A message from the main process to the engine process. */
export type ToEngine = z.infer<typeof toEngineSchema>;

/** Messages from the engine process to the main process. */
export const fromEngineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    kind: z.enum(['local', 'remote']),
    home: z.string(),
    serverUrl: z.string().nullable(),
  }),
  z.object({ type: z.literal('startFailed'), error: errorDataSchema }),
  z.object({ type: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().int(), error: errorDataSchema }),
  /** A thread event the main process shows as a desktop notification (only the few that matter). */
  z.object({ type: z.literal('notify'), event: threadEventSchema }),
  /** A run of an automation that just reached the inbox unread, for a desktop notification. */
  z.object({ type: z.literal('notifyInbox'), run: automationRunSchema }),
  z.object({ type: z.literal('closed') }),
]);
/** A message from the engine process to the main process. */
export type FromEngine = z.infer<typeof fromEngineSchema>;

/** One frame on an event port: the same shapes the WebSocket server sends (shared/protocol.ts). */
export type EventFrame =
  { method: 'thread/event'; params: ThreadEvent } | { method: typeof engineChangeMethod; params: EngineChange };

/** Wraps a thread event for an event port. */
export function eventFrame(event: ThreadEvent): EventFrame {
  return { method: 'thread/event', params: event };
}

/** Wraps a configuration change for an event port (the same port, so it keeps its place among the thread events). */
export function changeFrame(change: EngineChange): EventFrame {
  return { method: engineChangeMethod, params: change };
}

/** The configuration change in an event-port frame, or null for anything else. */
export function changeFromFrame(frame: unknown): EngineChange | null {
  if (typeof frame !== 'object' || frame === null) return null;
  const { method, params } = frame as { method?: unknown; params?: unknown };
  if (method !== engineChangeMethod) return null;
  const parsed = engineChangeSchema.safeParse(params);
  return parsed.success ? parsed.data : null;
}

/** The thread event in an event-port frame, or null for anything else (the preload ignores those). */
export function eventFromFrame(frame: unknown): ThreadEvent | null {
  if (typeof frame !== 'object' || frame === null) return null;
  const { method, params } = frame as { method?: unknown; params?: unknown };
  if (method !== 'thread/event' || typeof params !== 'object' || params === null) return null;
  return params as ThreadEvent;
}

/** Parses a message for the engine process; null when it is not one. */
export function parseToEngine(message: unknown): ToEngine | null {
  const parsed = toEngineSchema.safeParse(message);
  return parsed.success ? parsed.data : null;
}

/** Parses a message from the engine process; null when it is not one. */
export function parseFromEngine(message: unknown): FromEngine | null {
  const parsed = fromEngineSchema.safeParse(message);
  return parsed.success ? parsed.data : null;
}
