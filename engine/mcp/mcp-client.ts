import type { ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { httpFetch } from '../net/http-fetch.js';
import { flotillaVersion } from '../package-info.js';
import type { McpLaunchServer } from './launch-server.js';
import {
  mcpCallTimeoutMs,
  mcpStartTimeoutMs,
  McpStartError,
  type McpConnection,
  type McpToolInfo,
} from './mcp-connection.js';

const stderrTailChars = 1_500;

/** The stdio transport, also keeping the end of the server's stderr and how it exited, to say why it failed. */
class WatchedStdioTransport extends StdioClientTransport {
  stderrTail = '';
  exit: string | null = null;

  override async start(): Promise<void> {
    this.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-stderrTailChars);
    });
    const started = super.start();
    // The SDK keeps the child private; its exit code is what tells a user why the server did not start.
    const child = (this as unknown as { _process?: ChildProcess })._process;
    child?.once('exit', (code, signal) => {
      this.exit = signal ? `was killed by ${signal}` : `exited with code ${code ?? '?'}`;
    });
    await started;
  }
}

/** Starts an MCP server with the official SDK client (see connectMcpServer in mcp-connection.ts, which loads this). */
export async function startMcpServer(
  server: McpLaunchServer,
  options: { cwd?: string; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<McpConnection> {
  const timeout = options.timeoutMs ?? mcpStartTimeoutMs;
  const transport: Transport =
    server.transport === 'stdio'
      ? new WatchedStdioTransport({
          command: server.command,
          args: server.args,
          env: server.env,
          stderr: 'pipe',
          ...(options.cwd ? { cwd: options.cwd } : {}),
        })
      : // Through httpFetch: the proxy variables apply, as for model calls.
        new StreamableHTTPClientTransport(new URL(server.url), {
          requestInit: { headers: server.headers },
          fetch: httpFetch,
        });
  const client = new Client({ name: 'flotilla', version: flotillaVersion() });
  let open = true;
  client.onclose = () => {
    open = false;
  };
  const requestOptions = { timeout, ...(options.signal ? { signal: options.signal } : {}) };
  let tools: McpToolInfo[];
  try {
    await client.connect(transport, requestOptions);
    tools = await listAllTools(client, requestOptions);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new McpStartError(startFailure(server, transport, error, timeout));
  }
  return {
    name: server.name,
    tools,
    isOpen: () => open,
    async callTool(name, args, signal) {
      // A signal of its own per call: the SDK leaves its abort listener on the signal it is given, and a turn's signal
      // serves many calls.
      const call = new AbortController();
      const onAbort = () => call.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) call.abort(signal.reason);
      try {
        const result = await client.callTool({ name, arguments: args }, undefined, {
          signal: call.signal,
          timeout: mcpCallTimeoutMs,
          resetTimeoutOnProgress: true,
        });
        return { ok: result.isError !== true, output: resultText(result) };
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
    close: () => client.close(),
  };
}

async function listAllTools(client: Client, options: { timeout: number; signal?: AbortSignal }) {
  const tools: McpToolInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined, options);
    for (const tool of page.tools)
      tools.push({ name: tool.name, description: tool.description ?? '', inputSchema: tool.inputSchema });
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

function startFailure(server: McpLaunchServer, transport: Transport, error: unknown, timeout: number): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (server.transport === 'http') return `Could not reach ${server.url}: ${reason}`;
  const watched = transport as WatchedStdioTransport;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `Could not start "${server.command}": no such program. Is it installed and on PATH?`;
  if (code === 'EACCES') return `Could not start "${server.command}": it is not executable.`;
  const what = watched.exit
    ? `The server ${watched.exit} before it answered`
    : /timed out/i.test(reason)
      ? `The server did not answer within ${Math.round(timeout / 1000)} s`
      : `The server failed: ${reason}`;
  const tail = watched.stderrTail.trim();
  return tail ? `${what}. The end of its stderr:\n${tail}` : `${what} (it wrote nothing to stderr).`;
}

/** A tool result as text: its text parts, then a note for each part of another kind. */
function resultText(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = Array.isArray(result.content) ? (result.content as { type: string; text?: string }[]) : [];
  const parts = content.map((part) => (part.type === 'text' ? (part.text ?? '') : `[${part.type} content]`));
  if (parts.length === 0 && result.structuredContent !== undefined) return JSON.stringify(result.structuredContent);
  return parts.join('\n');
}
