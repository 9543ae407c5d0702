import type { McpLaunchServer } from './launch-server.js';
import type { McpConnection } from './mcp-connection.js';

/**
 * Starts an MCP server with the official SDK client (stdio: spawns it in `cwd`; http: streamable HTTP with its
 * headers), initializes it and lists its tools, all within `timeoutMs`. Throws McpStartError saying why on failure.
 */
export async function connectMcpServer(
  server: McpLaunchServer,
  options: { cwd?: string; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<McpConnection> {
  // The MCP SDK loads with the first server started, so an engine whose tasks use none does not carry it.
  const { startMcpServer } = await import('./mcp-client.js');
  return startMcpServer(server, options);
}
