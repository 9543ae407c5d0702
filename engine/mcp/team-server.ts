import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Task } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import type { McpLaunchServer } from './launch-server.js';

/** The name agents see Flotilla's team server under (so Claude Code's tools are `mcp__flotilla__spawn_subtask`). */
export const teamServerName = 'flotilla';

/**
 * Flotilla's own MCP server, serving the team tools (engine/teams) to the external agents it runs: streamable HTTP on
 * 127.0.0.1 at a random port, started on first use. Each team task gets its own bearer token; a request is served as
 * the task its token belongs to, with that task's tools, so a task can only act on its own team. Tokens live in
 * memory only: a restarted engine hands out new ones with the next turn.
 */
export class TeamMcpServer {
  private server: HttpServer | null = null;
  private listening: Promise<string> | null = null;
  private readonly tokens = new Map<string, string>();
  private readonly tokenOf = new Map<string, string>();
  private closed = false;

  constructor(private readonly context: () => EngineContext) {}

  /** The server entry for a team task's next turn (none outside a team, or for an agent with native team tools). */
  async serversFor(task: Task): Promise<McpLaunchServer[]> {
    if (task.team === null || this.context().agents.get(task.agent)?.teamAccess !== 'mcp') return [];
    const url = await this.start();
    return [
      {
        transport: 'http',
        name: teamServerName,
        origin: 'team',
        url,
        headers: { Authorization: `Bearer ${this.tokenFor(task.id)}` },
      },
    ];
  }

  /** Stops listening; calls in flight end with their connections. */
  async close(): Promise<void> {
    this.closed = true;
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private tokenFor(taskId: string): string {
    const known = this.tokenOf.get(taskId);
    if (known) return known;
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, taskId);
    this.tokenOf.set(taskId, token);
    return token;
  }

  private start(): Promise<string> {
    if (this.closed) return Promise.reject(new Error('The engine is shutting down.'));
    this.listening ??= new Promise((resolve, reject) => {
      const server = createServer((request, response) => void this.handle(request, response));
      this.server = server;
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        resolve(`http://127.0.0.1:${port}/mcp`);
      });
    });
    return this.listening;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/mcp') return refuse(response, 404, 'Flotilla serves MCP at /mcp only.');
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const taskId = token ? this.tokens.get(token) : undefined;
    if (!taskId) return refuse(response, 401, 'This MCP server needs the bearer token Flotilla gave the task.');
    const record = this.context().store.get(taskId);
    if (!record || record.task.archived || record.task.team === null)
      return refuse(response, 403, 'This task is no longer part of a team, so it has no team tools.');
    try {
      // The MCP SDK loads with the first request, so an engine without MCP agents does not carry it.
      const { serveTeamRequest } = await import('./team-request.js');
      await serveTeamRequest(this.context(), record.task, request, response);
    } catch (error) {
      if (!response.headersSent) refuse(response, 500, error instanceof Error ? error.message : String(error));
    }
  }
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }));
}
