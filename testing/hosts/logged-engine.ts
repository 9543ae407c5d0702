import type { CommandName } from '../../shared/commands.js';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import type { EngineApi } from '../../engine/engine-api.js';
import { EngineError } from '../../engine/errors.js';

/**
 * A stand-in remote engine for host routing tests: it keeps every task's events in a log (so `task/events {afterSeq}`
 * catches a client up, as the real engine's thread logs do), streams each new one, and answers `engine/info` with a
 * name that tells which engine answered.
 */
export function loggedEngine(label: string) {
  const logs = new Map<string, ThreadEvent[]>();
  const listeners = new Set<(event: ThreadEvent) => void>();
  const changeListeners = new Set<(change: EngineChange) => void>();
  const engine: EngineApi = {
    async call(method: CommandName, params: unknown) {
      const { taskId, afterSeq } = (params ?? {}) as { taskId?: string; afterSeq?: number };
      if (method === 'engine/info') return { engineVersion: label } as never;
      if (method === 'task/events') {
        const log = logs.get(taskId ?? '');
        if (!log) throw new EngineError('notFound', `No task ${taskId}.`);
        return { events: log.filter((event) => event.seq > (afterSeq ?? 0)) } as never;
      }
      throw new EngineError('invalidInput', `${label} does not answer ${method} in this test.`);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    async close() {},
  };
  /** Records a notice on a task (with the next seq) and streams it. */
  const emit = (taskId: string, message: string): ThreadEvent => {
    const log = logs.get(taskId) ?? [];
    logs.set(taskId, log);
    const event: ThreadEvent = {
      type: 'notice',
      taskId,
      seq: log.length + 1,
      at: new Date(Date.UTC(2025, 0, 1, 0, 0, log.length)).toISOString(),
      level: 'info',
      message,
    };
    log.push(event);
    listeners.forEach((listener) => listener(event));
    return event;
  };
  const change = (value: EngineChange) => changeListeners.forEach((listener) => listener(value));
  return { engine, emit, change };
}
