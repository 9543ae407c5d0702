import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { McpServer } from '@agentclientprotocol/sdk';
import type { McpLaunchServer } from '../../mcp/launch-server.js';

/** How long an MCP tool call may take before the agent gives up: wait_for_subtasks may wait up to an hour. */
export const mcpToolTimeoutSeconds = 3700;

/**
 * Writes Claude Code's `--mcp-config` file for a task's turn (private to the user, since it holds the servers' tokens
 * and secrets) and returns the arguments that use it: only these servers (`--strict-mcp-config`, so neither the user's
 * nor a repository's unapproved servers load), and Flotilla's team tools allowed without asking (the user's too in auto
 * mode). None when there are no servers.
 */
export function claudeMcpArgs(
  servers: readonly McpLaunchServer[],
  folder: string,
  taskId: string,
  approvalMode: 'auto' | 'ask',
): string[] {
  if (servers.length === 0) return [];
  const mcpServers = Object.fromEntries(
    servers.map((server) => [
      server.name,
      server.transport === 'http'
        ? { type: 'http', url: server.url, headers: server.headers }
        : { type: 'stdio', command: server.command, args: server.args, env: server.env },
    ]),
  );
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, `${taskId}.json`);
  writeFileSync(file, JSON.stringify({ mcpServers }, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  // The user's servers follow the approval mode, as the built-in agent's MCP calls do: in ask mode each call is asked.
  const allowed = servers
    .filter((server) => server.origin === 'team' || approvalMode === 'auto')
    .map((server) => `mcp__${server.name}`);
  return [
    '--mcp-config',
    file,
    '--strict-mcp-config',
    ...(allowed.length > 0 ? ['--allowedTools', allowed.join(',')] : []),
  ];
}

/**
 * Codex's `-c` overrides for a task's servers, with every secret (a token, a header's value, a stdio server's env)
 * passed through an environment variable rather than the command line, which other users can read. Flotilla's own
 * team tools are approved ahead; the user's follow Codex's approval policy.
 */
export function codexMcpOverrides(servers: readonly McpLaunchServer[]): {
  args: string[];
  env: Record<string, string>;
} {
  const args: string[] = [];
  const env: Record<string, string> = {};
  servers.forEach((server, index) => {
    const key = `mcp_servers.${tomlKey(server.name)}`;
    const set = (field: string, value: string) => args.push('-c', `${key}.${field}=${value}`);
    if (server.transport === 'http') {
      set('url', JSON.stringify(server.url));
      const headers = Object.entries(server.headers).map(([name, value], header) => {
        const variable = `FLOTILLA_MCP_${index}_HEADER_${header}`;
        env[variable] = value;
        return [name, variable] as const;
      });
      const bearer = headers.find(([name]) => name.toLowerCase() === 'authorization');
      const bearerValue = bearer ? (env[bearer[1]] ?? '') : '';
      if (bearer && bearerValue.startsWith('Bearer ')) {
        env[bearer[1]] = bearerValue.slice('Bearer '.length);
        set('bearer_token_env_var', JSON.stringify(bearer[1]));
      }
      const rest = headers.filter((entry) => entry !== bearer || !bearerValue.startsWith('Bearer '));
      if (rest.length > 0) set('env_http_headers', tomlTable(rest));
    } else {
      set('command', JSON.stringify(server.command));
      set('args', JSON.stringify(server.args));
      const names = Object.keys(server.env);
      for (const name of names) env[name] = server.env[name] ?? '';
      if (names.length > 0) set('env_vars', JSON.stringify(names));
    }
    set('tool_timeout_sec', String(mcpToolTimeoutSeconds));
    if (server.origin === 'team') set('default_tools_approval_mode', JSON.stringify('approve'));
  });
  return { args, env };
}

/** An ACP `mcpServers` entry (session/new): HTTP where the agent supports it, else stdio through a bridge. */
export type AcpMcpServer = McpServer;

/**
 * The ACP `mcpServers` for a session. An agent that says it speaks MCP over HTTP gets HTTP servers as they are; one
 * that does not gets them through a small stdio bridge run with Node, which forwards each message to the server.
 */
export function acpMcpServers(servers: readonly McpLaunchServer[], http: boolean): AcpMcpServer[] {
  return servers.map((server) => {
    if (server.transport === 'stdio')
      return { name: server.name, command: server.command, args: server.args, env: pairs(server.env) };
    if (http) return { type: 'http', name: server.name, url: server.url, headers: pairs(server.headers) };
    return stdioBridge(server);
  });
}

function stdioBridge(server: Extract<McpLaunchServer, { transport: 'http' }>): AcpMcpServer {
  const env: Record<string, string> = {
    FLOTILLA_MCP_URL: server.url,
    FLOTILLA_MCP_HEADERS: JSON.stringify(server.headers),
  };
  // Inside Electron the engine's own binary is Electron; this makes it behave as plain Node.
  if (process.versions['electron']) env['ELECTRON_RUN_AS_NODE'] = '1';
  return { name: server.name, command: process.execPath, args: ['-e', bridgeScript], env: pairs(env) };
}

/**
 * A stdio MCP server that forwards every JSON-RPC line to a streamable HTTP MCP server and writes back its answers
 * (JSON or server-sent events). Plain Node with no imports, so it runs wherever the engine does.
 */
export const bridgeScript = `
const url = process.env.FLOTILLA_MCP_URL;
const headers = JSON.parse(process.env.FLOTILLA_MCP_HEADERS || '{}');
const write = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
const fail = (id, message) => id !== undefined && write({ jsonrpc: '2.0', id, error: { code: -32000, message } });
async function forward(line) {
  let message;
  try { message = JSON.parse(line); } catch { return; }
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: line,
    });
    const text = await response.text();
    if (response.status === 202 || text.trim() === '') return;
    if ((response.headers.get('content-type') || '').includes('text/event-stream')) {
      for (const part of text.split(/\\r?\\n/)) if (part.startsWith('data:')) write(JSON.parse(part.slice(5)));
      return;
    }
    write(JSON.parse(text));
  } catch (error) {
    fail(message.id, 'Flotilla MCP bridge: ' + (error && error.message ? error.message : String(error)));
  }
}
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let end;
  while ((end = buffer.indexOf('\\n')) >= 0) {
    const line = buffer.slice(0, end).trim();
    buffer = buffer.slice(end + 1);
    if (line) void forward(line);
  }
});
`;

function pairs(record: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

function tomlKey(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
}

function tomlTable(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([name, value]) => `${JSON.stringify(name)}=${JSON.stringify(value)}`).join(',')}}`;
}
