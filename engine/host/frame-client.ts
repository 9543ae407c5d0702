import type { CommandName, CommandParams, CommandResult } from '../../shared/commands.js';
import { engineCallTimeoutMs } from '../../shared/limits.js';
import { PendingCalls, type TimeoutError } from '../../shared/pending-calls.js';
import type { EngineApi } from '../engine-api.js';
import { EngineError } from '../errors.js';
import type { FrameChecks } from './frame-checks.js';
import { receiveFrame, type FrameTargets } from './frame-receiver.js';

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

/**
 * Makes the client side of one connection to an engine over `transport`. The frame checks (zod and the contract's
 * schemas, ~45 ms to load) are loaded when something subscribes, or when a frame needs them; frames from then until
 * they are in wait, in order.
 */
export function frameClient(transport: FrameTransport): FrameClient {
  const pending = new PendingCalls({
    timeoutMs: transport.callTimeoutMs ?? engineCallTimeoutMs,
    timeoutError: transport.timeoutError,
  });
  const targets: FrameTargets = { pending, listeners: new Set(), changeListeners: new Set() };
  let checks: FrameChecks | null = null;
  let loading: Promise<void> | null = null;
  const waiting: string[] = [];
  const loadChecks = () => {
    loading ??= import('./frame-checks.js').then(
      async (loaded) => {
        checks = loaded.frameChecks;
        // One frame a turn, as they would have come off the socket: what an answer's caller does next runs before the
        // frames after it. Frames that come meanwhile join the end.
        for (let frame = waiting.shift(); frame !== undefined; frame = waiting.shift()) {
          try {
            receiveFrame(frame, targets, checks);
          } catch (error) {
            // A listener's throw surfaces as it did from the socket's handler, and the frames after it still come.
            setImmediate(() => {
              throw error;
            });
          }
          if (waiting.length > 0) await new Promise((resolve) => setImmediate(resolve));
        }
      },
      (error: unknown) => {
        // Nothing waits for ever: what came is dropped, its calls fail, and the next frame needing checks tries again.
        waiting.length = 0;
        loading = null;
        pending.failAll(
          new EngineError(
            'internal',
            `Flotilla could not load the checks for what its engine sends (${error instanceof Error ? error.message : String(error)}). Run the command again.`,
          ),
        );
      },
    );
  };
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
        loadChecks();
        targets.listeners.add(listener);
        return () => targets.listeners.delete(listener);
      },
      onChange(listener) {
        loadChecks();
        targets.changeListeners.add(listener);
        return () => targets.changeListeners.delete(listener);
      },
    },
    receive: (text) => {
      if (waiting.length > 0 || !receiveFrame(text, targets, checks)) {
        waiting.push(text);
        loadChecks();
      }
    },
    failAll: (error) => pending.failAll(error),
  };
}
