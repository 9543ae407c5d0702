import { createServer, connect, type Socket } from 'node:net';

/** A loopback TCP relay to a port that a test can cut, as a dropped network would, and open again. */
export interface TcpGate {
  /** The port to connect to instead of the target's. */
  port: number;
  /** Drops every relayed connection and refuses new ones until `open()`. */
  cut(): void;
  /** Relays new connections again. */
  open(): void;
  close(): Promise<void>;
}

/** Starts a relay from a free loopback port to `127.0.0.1:targetPort`. */
export async function startTcpGate(targetPort: number): Promise<TcpGate> {
  const sockets = new Set<Socket>();
  let cut = false;
  const server = createServer((incoming) => {
    if (cut) return void incoming.destroy();
    const outgoing = connect(targetPort, '127.0.0.1');
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    incoming.pipe(outgoing).pipe(incoming);
    incoming.on('close', () => outgoing.destroy());
    outgoing.on('close', () => incoming.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    open() {
      cut = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
