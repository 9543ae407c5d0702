import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';

/** A DevTools-protocol session with a Node process's inspector. */
export interface InspectorSession {
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): void;
}

/**
 * Connects to the inspector of a `flotilla serve` started with NODE_OPTIONS=--inspect=127.0.0.1:0 (its address is in
 * the process output). `onEvent` hears the protocol's events (heap snapshot chunks).
 */
export async function openInspector(
  output: string,
  onEvent: (method: string, params: Record<string, unknown>) => void = () => undefined,
): Promise<InspectorSession> {
  const address = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!address) throw new Error('The bench engine has no inspector: start it with NODE_OPTIONS=--inspect=127.0.0.1:0.');
  const socket = new WebSocket(address, { maxPayload: 2 ** 30 });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let id = 0;
  const waiting = new Map<number, { resolve(result: Record<string, unknown>): void; reject(error: Error): void }>();
  socket.on('message', (data: WebSocket.RawData) => {
    const message = JSON.parse(data.toString()) as {
      id?: number;
      method?: string;
      params?: Record<string, unknown>;
      result?: Record<string, unknown>;
      error?: unknown;
    };
    if (message.method) return onEvent(message.method, message.params ?? {});
    const waiter = message.id === undefined ? undefined : waiting.get(message.id);
    if (!waiter) return;
    waiting.delete(message.id as number);
    if (message.error) waiter.reject(new Error(JSON.stringify(message.error)));
    else waiter.resolve(message.result ?? {});
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const own = (id += 1);
        waiting.set(own, { resolve, reject: (error) => reject(new Error(`${method}: ${error.message}`)) });
        socket.send(JSON.stringify({ id: own, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** The engine's JS heap after a full garbage collection (which this forces, twice), in MB. */
export async function engineHeapMb(output: string): Promise<number> {
  return (await engineHeap(output)).usedMb;
}

/** The engine's JS heap after a full garbage collection (which this forces, twice): used and reserved, in MB. */
export async function engineHeap(
  output: string,
): Promise<{ usedMb: number; totalMb: number; externalMb: number; arrayBuffersMb: number }> {
  const session = await openInspector(output);
  try {
    await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.collectGarbage');
    const usage = await session.send('Runtime.getHeapUsage');
    const answer = await session.send('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    const process = JSON.parse(String((answer.result as { value: unknown }).value)) as Record<string, number>;
    return {
      usedMb: Number(usage.usedSize) / 2 ** 20,
      totalMb: Number(usage.totalSize) / 2 ** 20,
      externalMb: (process.external ?? NaN) / 2 ** 20,
      arrayBuffersMb: (process.arrayBuffers ?? NaN) / 2 ** 20,
    };
  } finally {
    session.close();
  }
}

/** Writes a heap snapshot of the engine to `path` (open it in Chrome DevTools' Memory tab). */
export async function engineHeapSnapshot(output: string, path: string): Promise<void> {
  const chunks: string[] = [];
  const session = await openInspector(output, (method, params) => {
    if (method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(String(params.chunk));
  });
  try {
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    writeFileSync(path, chunks.join(''));
  } finally {
    session.close();
  }
}
