import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { EventPortLike, ParentPortLike } from '../../electron/utility/engine-service.js';
import { parseFromEngine, type FromEngine, type ToEngine } from '../../electron/common/engine-protocol.js';

/** A Node MessagePort as the engine service's event port (Electron's MessagePortMain behaves alike). */
export function eventPortOf(port: MessagePort): EventPortLike {
  return {
    postMessage: (message) => port.postMessage(message),
    onClose: (listener) => port.once('close', listener),
    close: () => port.close(),
  };
}

/**
 * A parent port over a real Node MessageChannel (so every message is structured-cloned, as
 * between Electron processes), plus the main-process end the test drives.
 */
export function fakeParentPort() {
  const { port1: engineSide, port2: mainSide } = new MessageChannel();
  const received: FromEngine[] = [];
  const waiters: { match: (message: FromEngine) => boolean; resolve: (message: FromEngine) => void }[] = [];
  mainSide.on('message', (raw: unknown) => {
    const message = parseFromEngine(raw);
    if (!message) throw new Error(`engine sent a message outside the protocol: ${JSON.stringify(raw)}`);
    received.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const parent: ParentPortLike = {
    postMessage: (message) => engineSide.postMessage(message),
    onMessage: (listener) =>
      engineSide.on('message', ({ data, ports }: { data: unknown; ports: MessagePort[] }) =>
        listener(data, ports.map(eventPortOf)),
      ),
  };
  let nextId = 1;
  const main = {
    received,
    send(message: ToEngine, port?: MessagePort) {
      mainSide.postMessage({ data: message, ports: port ? [port] : [] }, port ? [port] : []);
    },
    waitFor<T extends FromEngine>(match: (message: FromEngine) => message is T, timeoutMs = 30_000): Promise<T> {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching engine message within ${timeoutMs} ms; got ${JSON.stringify(received.map((m) => m.type))}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({ match, resolve: (message) => (clearTimeout(timer), resolve(message as T)) });
      });
    },
    /** Sends a call and waits for its reply. */
    async call(method: string, params: unknown): Promise<Extract<FromEngine, { type: 'result' | 'error' }>> {
      const id = nextId++;
      main.send({ type: 'call', id, method, params });
      return main.waitFor(
        (message): message is Extract<FromEngine, { type: 'result' | 'error' }> =>
          (message.type === 'result' || message.type === 'error') && message.id === id,
      );
    },
    close() {
      mainSide.close();
    },
  };
  return { parent, main };
}
