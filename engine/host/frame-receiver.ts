import { errorDataSchema } from '../../shared/errors.js';
import { engineChangeMethod, engineChangeSchema, type EngineChange } from '../../shared/engine-events.js';
import { threadEventSchema, type ThreadEvent } from '../../shared/events.js';
import type { PendingCalls } from '../../shared/pending-calls.js';
import { EngineError } from '../errors.js';

/** Where the frames an engine sends a client go: answers to the pending calls, events and changes to listeners. */
export interface FrameTargets {
  pending: PendingCalls;
  listeners: Set<(event: ThreadEvent) => void>;
  changeListeners: Set<(change: EngineChange) => void>;
}

/**
 * Handles one frame from an engine (WebSocket message or stdio line): settles the call it answers or hands the event
 * or change to every listener. Unreadable frames are ignored: a client cannot answer them.
 */
export function receiveFrame(text: string, targets: FrameTargets): void {
  let message: Record<string, unknown>;
  try {
    message = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return;
  }
  if (message.method === 'thread/event') {
    const event = threadEventSchema.safeParse(message.params);
    if (event.success) for (const listener of [...targets.listeners]) listener(event.data);
    return;
  }
  if (message.method === engineChangeMethod) {
    const change = engineChangeSchema.safeParse(message.params);
    if (change.success) for (const listener of [...targets.changeListeners]) listener(change.data);
    return;
  }
  const id = typeof message.id === 'number' ? message.id : null;
  const method = id === null ? undefined : targets.pending.method(id);
  if (id === null || method === undefined) return;
  if ('error' in message) {
    const error = errorDataSchema.safeParse(message.error);
    targets.pending.reject(
      id,
      error.success
        ? new EngineError(error.data.code, error.data.message, error.data.details)
        : new EngineError('internal', `The Flotilla engine sent an unreadable error for ${method}.`),
    );
  } else {
    targets.pending.resolve(id, message.result);
  }
}
