import WebSocket from 'ws';

/**
 * The engine's JS heap after a full garbage collection, read through the inspector of a `flotilla serve` started with
 * NODE_OPTIONS=--inspect=127.0.0.1:0 (its address is in the process output).
 */
export async function engineHeapMb(output: string): Promise<number> {
  const address = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!address) throw new Error('The bench engine has no inspector: start it with NODE_OPTIONS=--inspect=127.0.0.1:0.');
  const socket = new WebSocket(address);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  try {
    let id = 0;
    const send = (method: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const own = (id += 1);
        const listen = (data: WebSocket.RawData) => {
          const message = JSON.parse(data.toString()) as {
            id?: number;
            result?: Record<string, unknown>;
            error?: unknown;
          };
          if (message.id !== own) return;
          socket.off('message', listen);
          if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
          else resolve(message.result ?? {});
        };
        socket.on('message', listen);
        socket.send(JSON.stringify({ id: own, method }));
      });
    await send('HeapProfiler.collectGarbage');
    await send('HeapProfiler.collectGarbage');
    const usage = await send('Runtime.getHeapUsage');
    return Number(usage.usedSize) / 2 ** 20;
  } finally {
    socket.close();
  }
}
