import type { EngineChange } from '../../shared/engine-events.js';
import { engineChangeMethod, threadEventMethod } from '../../shared/wire-methods.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { PendingCalls } from '../../shared/pending-calls.js';
import { EngineError } from '../errors.js';
import type { FrameChecks } from './frame-checks.js';

/** Where the frames an engine sends a client go: answers to the pending calls, events and changes to listeners. */
export interface FrameTargets {
  pending: PendingCalls;
  listeners: Set<(event: ThreadEvent) => void>;
  changeListeners: Set<(change: EngineChange) => void>;
}

/**
 * Handles one frame from an engine (WebSocket message or stdio line): settles the call it answers or hands the event
 * or change to every listener. Unreadable frames are ignored: a client cannot answer them. Returns false, having done
 * nothing, when the frame needs checking and `checks` is null (not loaded yet); an event or change nobody listens to
 * needs none, nor does an answer.
 */
export function receiveFrame(text: string, targets: FrameTargets, checks: FrameChecks | null): boolean {
  let message: Record<string, unknown>;
  try {
    message = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return true;
  }
  if (message.method === threadEventMethod) {
    if (targets.listeners.size === 0) return true;
    if (!checks) return false;
    const event = checks.event(message.params);
    if (event) for (const listener of [...targets.listeners]) listener(event);
    return true;
  }
  if (message.method === engineChangeMethod) {
    if (targets.changeListeners.size === 0) return true;
    if (!checks) return false;
    const change = checks.change(message.params);
    if (change) for (const listener of [...targets.changeListeners]) listener(change);
    return true;
  }
  const id = typeof message.id === 'number' ? message.id : null;
  const method = id === null ? undefined : targets.pending.method(id);
  if (id === null || method === undefined) return true;
  if ('error' in message) {
    if (!checks) return false;
    const error = checks.error(message.error);
    targets.pending.reject(
      id,
      error
        ? new EngineError(error.code, error.message, error.details)
        : new EngineError('internal', `The Flotilla engine sent an unreadable error for ${method}.`),
    );
  } else {
    targets.pending.resolve(id, message.result);
  }
  return true;
}
