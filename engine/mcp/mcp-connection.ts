import type { McpCheck } from '../../shared/mcp.js';

/** How long a server gets to start and list its tools. */
export const mcpStartTimeoutMs = 20_000;
/** How long one tool call may take before the agent is told it timed out. */
export const mcpCallTimeoutMs = 300_000;

/** A tool an MCP server lists: its name, description and JSON Schema input as the server gave them. */
export interface McpToolInfo {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** What a tool call gave back, as text for the model. */
export interface McpCallResult {
  ok: boolean;
  output: string;
}

/** A started, initialized MCP server and its tools. */
export interface McpConnection {
  readonly name: string;
  readonly tools: readonly McpToolInfo[];
  /** False once the server exited or the connection closed; a new turn starts it again. */
  isOpen(): boolean;
  callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<McpCallResult>;
  close(): Promise<void>;
}

/** What a started server lists, as a check shows it: "3 tools" and each tool's name and description. */
export function listedTools(tools: readonly McpToolInfo[]): { message: string; tools: McpCheck['tools'] } {
  return {
    message: `${tools.length} tool${tools.length === 1 ? '' : 's'}`,
    tools: tools.map((tool) => ({ name: tool.name, description: tool.description })),
  };
}

/** A server that could not be started or did not answer, with why (exit code, the end of its stderr, a timeout). */
export class McpStartError extends Error {}
