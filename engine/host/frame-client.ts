import type { CommandName, CommandParams, CommandResult } from '../../shared/commands.js';
import type { EngineChange } from '../../shared/engine-events.js';
import type { ThreadEvent } from '../../shared/events.js';
import { engineCallTimeoutMs } from '../../shared/limits.js';
import { PendingCalls, type TimeoutError } from '../../shared/pending-calls.js';
import type { EngineApi } from '../engine-api.js';
import type { EngineError } from '../errors.js';
import { receiveFrame } from './frame-receiver.js';

/** How a wire transport (a WebSocket, an ssh channel's stdio) carries one client's frames. */
export interface FrameTransport {
  /** Sends one request frame. */
  send(text: string): void;
  /** Why calls cannot be sent now (the connection closed), or null while they can. */
  unavailable(): EngineError | null;
  timeoutError: TimeoutError;
  callTimeoutMs?: number;
}

/** The client side both wire transports share: numbered calls out, answers, thread events and changes in. */
export interface FrameClient {
  /** Calls and subscriptions, as an EngineApi offers them. */
  api: Pick<EngineApi, 'call' | 'subscribe' | 'onChange'>;
  /** Takes one frame the engine sent. */
  receive(text: string): void;
  /** Fails every call still waiting (the connection went away). */
  failAll(error: Error): void;
}

/** Makes the client side of one connection to an engine over `transport`. */
export function frameClient(transport: FrameTransport): FrameClient {
  const pending = new PendingCalls({
    timeoutMs: transport.callTimeoutMs ?? engineCallTimeoutMs,
    timeoutError: transport.timeoutError,
  });
  const listeners = new Set<(event: ThreadEvent) => void>();
  const changeListeners = new Set<(change: EngineChange) => void>();
  return {
    api: {
      call<C extends CommandName>(method: C, params: CommandParams<C>): Promise<CommandResult<C>> {
        const unavailable = transport.unavailable();
        if (unavailable) return Promise.reject(unavailable);
        const { id, promise } = pending.register<CommandResult<C>>(method);
        transport.send(JSON.stringify({ id, method, params }));
        return promise;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onChange(listener) {
        changeListeners.add(listener);
        return () => changeListeners.delete(listener);
      },
    },
    receive: (text) => receiveFrame(text, { pending, listeners, changeListeners }),
    failAll: (error) => pending.failAll(error),
  };
}
