import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { fixtureMcpServer } from './fixture-tools.js';

/** A running HTTP test MCP server. */
export interface HttpMcpFixture {
  /** Its streamable HTTP endpoint, http://127.0.0.1:<port>/mcp. */
  url: string;
  /** Every tool call it served, in order. */
  calls: { tool: string; input: unknown }[];
  close(): Promise<void>;
}

/**
 * Starts the test MCP server over streamable HTTP (stateless: a fresh SDK server per request) on a free local port.
 * With `requireHeader`, requests without that header and value get 401.
 */
export async function startHttpMcpFixture(
  options: { requireHeader?: { name: string; value: string } } = {},
): Promise<HttpMcpFixture> {
  const calls: { tool: string; input: unknown }[] = [];
  const http = createServer((request, response) => {
    void (async () => {
      const required = options.requireHeader;
      if (required && request.headers[required.name.toLowerCase()] !== required.value) {
        response.writeHead(401, { 'content-type': 'text/plain' }).end('missing or wrong credentials');
        return;
      }
      if (request.method !== 'POST') {
        response.writeHead(405).end();
        return;
      }
      const body: unknown = JSON.parse(await readBody(request));
      for (const message of [body].flat() as { method?: string; params?: { name?: string; arguments?: unknown } }[])
        if (message.method === 'tools/call')
          calls.push({ tool: message.params?.name ?? '', input: message.params?.arguments });
      const server = fixtureMcpServer({ headers: () => flatHeaders(request) });
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      response.on('close', () => void transport.close().then(() => server.close()));
      await server.connect(transport);
      await transport.handleRequest(request, response, body);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );
}
