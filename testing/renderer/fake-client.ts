import { defaultEventPage, type CommandName, type CommandParams, type CommandResult } from '../../shared/commands.js';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import { createConnectionState } from '../../renderer/src/transport/connection-state.js';
import type { EngineClient } from '../../renderer/src/transport/engine-client.js';

/** Answers for the commands a component test needs. */
export type FakeAnswers = {
  [C in CommandName]?: (params: CommandParams<C>) => CommandResult<C> | Promise<CommandResult<C>>;
};

/** A scripted engine client for component tests: records calls and lets the test emit event batches. */
export interface ScriptedClient extends EngineClient {
  calls: { method: CommandName; params: unknown }[];
  /** Delivers one batch to subscribers, as one animation frame would. */
  emit(events: readonly ThreadEvent[]): void;
  /** Delivers one configuration change to its listeners. */
  change(change: EngineChange): void;
}

/**
 * A `task/eventPage` answer made from a scripted `task/events` (the whole thread), paged as the engine does, so a
 * test that scripts a thread's events scripts its pages too.
 */
function pageOfEvents(answers: FakeAnswers): FakeAnswers['task/eventPage'] {
  const events = answers['task/events'];
  if (!events) return undefined;
  return async ({ taskId, beforeSeq, limit = defaultEventPage }) => {
    const all = (await events({ taskId })).events.filter((event) => beforeSeq === undefined || event.seq < beforeSeq);
    return { events: all.slice(Math.max(0, all.length - limit)), hasMore: all.length > limit };
  };
}

/** Makes a scripted client; a call without an answer fails loudly. */
export function scriptedClient(answers: FakeAnswers): ScriptedClient {
  const calls: ScriptedClient['calls'] = [];
  const listeners = new Set<(events: readonly ThreadEvent[]) => void>();
  const changeListeners = new Set<(change: EngineChange) => void>();
  const connection = createConnectionState('open');
  const call = (async (method: CommandName, params: unknown) => {
    calls.push({ method, params });
    const answer = (answers[method] ?? (method === 'task/eventPage' ? pageOfEvents(answers) : undefined)) as
      ((params: unknown) => unknown) | undefined;
    if (!answer) throw new Error(`The scripted client has no answer for ${method}.`);
    return answer(params);
  }) as EngineClient['call'];
  return {
    calls,
    call,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onConnection: connection.listen,
    emit(events) {
      for (const listener of [...listeners]) listener(events);
    },
    change(change) {
      for (const listener of [...changeListeners]) listener(change);
    },
  };
}
