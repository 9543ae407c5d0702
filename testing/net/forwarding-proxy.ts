import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type Server as TcpServer, type Socket } from 'node:net';

const servers: Array<Server | TcpServer> = [];

/** Listens on a free port of 127.0.0.1 (closed by closeServers) and returns the port. */
export async function listen<T extends Server | TcpServer>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The test server has no port.');
  return address.port;
}

/** What a test proxy saw: each request line and its Proxy-Authorization header. */
export interface Seen {
  line: string;
  auth: string | undefined;
}

/**
 * A forwarding proxy on 127.0.0.1 that sends every host to `target` (so the test's made-up host names need no DNS):
 * absolute-form requests are forwarded, CONNECT opens a tunnel. `refuse` answers CONNECT with that status instead.
 */
export async function startProxy(
  target: () => number,
  refuse: number | null = null,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const proxy = createServer((request: IncomingMessage, response) => {
    seen.push({ line: `${request.method} ${request.url}`, auth: request.headers['proxy-authorization'] });
    const forwarded = httpRequest(
      {
        host: '127.0.0.1',
        port: target(),
        path: new URL(request.url ?? '/').pathname,
        method: request.method,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    // A client that gives up (an aborted request) ends the forwarded one too.
    forwarded.on('error', () => response.destroy());
    response.on('close', () => forwarded.destroy());
    request.pipe(forwarded);
  });
  proxy.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push({ line: `${request.method} ${request.url}`, auth: request.headers['proxy-authorization'] });
    if (refuse !== null) {
      client.end(`HTTP/1.1 ${refuse} Proxy Authentication Required\r\n\r\n`);
      return;
    }
    const upstream = connect(target(), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { url: `http://me:secret@127.0.0.1:${await listen(proxy)}`, seen };
}

/** Closes every server listen() started. */
export async function closeServers(): Promise<void> {
  for (const server of servers.splice(0)) {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Forgets a server the test closed itself. */
export function forget(server: Server | TcpServer): void {
  servers.splice(servers.indexOf(server), 1);
}
