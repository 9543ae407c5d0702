/** Who a server given to an agent comes from: Flotilla's own team server, or one the user configured. */
export type McpServerOrigin = 'team' | 'user';

/**
 * An MCP server as an agent is given it for one turn, in the two transports every MCP client speaks. Each external
 * agent turns the list into its own format (Claude Code's --mcp-config, Codex's mcp_servers, ACP's mcpServers); the
 * built-in agent connects to the user's servers itself and has the team tools natively.
 */
export type McpLaunchServer =
  | {
      transport: 'stdio';
      name: string;
      origin: McpServerOrigin;
      command: string;
      args: string[];
      env: Record<string, string>;
    }
  | {
      transport: 'http';
      name: string;
      origin: McpServerOrigin;
      url: string;
      headers: Record<string, string>;
    };
