import type { ThreadEvent } from '../../../shared/events.js';
import { threadEventSchema } from '../../../shared/events.js';
import { serverMessageSchema, type ServerMessage } from '../../../shared/protocol.js';

/** How thoroughly `readServerMessage` checks a `thread/event` notification. */
export type EventCheck = 'full' | 'envelope';

const eventTypes: ReadonlySet<string> = new Set(threadEventSchema.options.map((option) => option.shape.type.value));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True when a value has a thread event's envelope: a known `type`, a `taskId`, an integer `seq`
 * and an `at` time. The fields of each type are not checked (see `readServerMessage`).
 */
export function hasEventEnvelope(value: unknown): value is ThreadEvent {
  return (
    isRecord(value) &&
    typeof value.type === 'string' &&
    eventTypes.has(value.type) &&
    typeof value.taskId === 'string' &&
    Number.isInteger(value.seq) &&
    typeof value.at === 'string'
  );
}

/**
 * Checks one parsed message from the engine's socket; null when it is not one the protocol knows.
 *
 * Validation stays at this boundary, but it costs what the message is worth. Responses (a few per
 * user action) always get the full zod parse. `thread/event` notifications arrive by the hundred
 * per second while agents stream, and a full parse of each was measurable on the overview's hot
 * path; they come from the engine on the other end of this token-authenticated socket, which
 * builds them from the same shared types, so in production (`envelope`) they get a cheap
 * hand-written envelope check: enough to route them (task, sequence, a known type) and to drop
 * anything malformed. Development and tests use `full`, so a contract drift between engine and
 * renderer still fails loudly where it is introduced.
 */
export function readServerMessage(raw: unknown, events: EventCheck): ServerMessage | null {
  if (events === 'envelope' && isRecord(raw) && raw.method === 'thread/event') {
    return hasEventEnvelope(raw.params) ? { method: 'thread/event', params: raw.params } : null;
  }
  const parsed = serverMessageSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
