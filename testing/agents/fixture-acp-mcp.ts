import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServer } from '@agentclientprotocol/sdk';

/**
 * Calls a tool of one of the MCP servers an ACP client gave in session/new, with the official MCP SDK client, and
 * returns its text (or why it failed): what the fixture ACP agent's `mcp <server> <tool> <json>` step does.
 */
export async function callGivenMcpTool(
  servers: readonly McpServer[],
  serverName: string,
  tool: string,
  args: Record<string, unknown>,
): Promise<{ ok: boolean; text: string }> {
  const server = servers.find((one) => one.name === serverName);
  if (!server)
    return {
      ok: false,
      text: `no MCP server "${serverName}" was given (${servers.map((one) => one.name).join(', ')})`,
    };
  const transport =
    'command' in server
      ? new StdioClientTransport({
          command: server.command,
          args: server.args,
          env: Object.fromEntries(server.env.map((one) => [one.name, one.value])),
          stderr: 'ignore',
        })
      : new StreamableHTTPClientTransport(new URL(server.url), {
          requestInit: { headers: Object.fromEntries(server.headers.map((one) => [one.name, one.value])) },
        });
  const client = new Client({ name: 'fixture-acp-agent', version: '1.0.0' });
  try {
    await client.connect(transport);
    const result = await client.callTool({ name: tool, arguments: args });
    const content = (result.content ?? []) as { type: string; text?: string }[];
    return { ok: result.isError !== true, text: content.map((part) => part.text ?? '').join('\n') };
  } catch (error) {
    return { ok: false, text: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.close().catch(() => undefined);
  }
}
