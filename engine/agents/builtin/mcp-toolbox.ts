import { z } from 'zod';
import type { McpCheck } from '../../../shared/mcp.js';
import type { McpLaunchServer } from '../../mcp/launch-server.js';
import { connectMcpServer } from '../../mcp/connect-mcp.js';
import { listedTools, McpStartError, type McpConnection, type McpToolInfo } from '../../mcp/mcp-connection.js';
import { failure, type Tool } from '../tools/tool.js';
import type { TurnEmitter } from './turn-emitter.js';

/** The longest tool name model APIs accept. */
const maxToolNameLength = 64;

const argumentsSchema = z.record(z.string(), z.unknown());

/**
 * The built-in agent's connections to the user's MCP servers, per task: started at a turn's start, kept while the task
 * runs (a server that exited or whose settings changed is started again), closed when the task's job ends or the
 * engine stops. Flotilla's own team server (origin 'team') is left out: the built-in agent has those tools natively.
 */
export class McpToolbox {
  private readonly tasks = new Map<string, Map<string, McpConnection>>();

  /** `started` hears how each start went (the engine keeps it as the server's state). */
  constructor(private readonly started: (taskId: string, server: string, check: McpCheck) => void = () => undefined) {}

  /** The tools of the task's servers as `server__tool`; a server that fails to start is a notice, not a failure. */
  async toolsFor(
    taskId: string,
    servers: readonly McpLaunchServer[],
    setup: { cwd: string; emitter: TurnEmitter; signal: AbortSignal },
  ): Promise<Tool[]> {
    const wanted = new Map(servers.filter((one) => one.origin === 'user').map((one) => [keyOf(one), one]));
    const open = this.tasks.get(taskId) ?? new Map<string, McpConnection>();
    this.tasks.set(taskId, open);
    for (const [key, connection] of open) {
      if (wanted.has(key) && connection.isOpen()) continue;
      open.delete(key);
      void connection.close().catch(() => undefined);
    }
    const starting = [...wanted].filter(([key]) => !open.has(key));
    await Promise.all(
      starting.map(async ([key, server]) => {
        const checkedAt = new Date().toISOString();
        try {
          const connection = await connectMcpServer(server, { cwd: setup.cwd, signal: setup.signal });
          open.set(key, connection);
          this.started(taskId, server.name, { ok: true, ...listedTools(connection.tools), checkedAt });
        } catch (error) {
          if (!(error instanceof McpStartError)) throw error;
          this.started(taskId, server.name, { ok: false, message: error.message, tools: [], checkedAt });
          setup.emitter.noticeOnce(
            `The MCP server "${server.name}" did not start, so its tools are left out: ${error.message}`,
            'warning',
          );
        }
      }),
    );
    const taken = new Set<string>();
    return [...wanted.keys()].flatMap((key) => {
      const connection = open.get(key);
      return connection ? connection.tools.map((tool) => mcpTool(connection, tool, taken)) : [];
    });
  }

  /** Closes a task's connections (its job ended). */
  async closeTask(taskId: string): Promise<void> {
    const open = this.tasks.get(taskId);
    this.tasks.delete(taskId);
    await Promise.all([...(open?.values() ?? [])].map((connection) => connection.close().catch(() => undefined)));
  }

  /** Closes every connection (the engine stops). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.tasks.keys()].map((taskId) => this.closeTask(taskId)));
  }
}

function mcpTool(connection: McpConnection, tool: McpToolInfo, taken: Set<string>): Tool<Record<string, unknown>> {
  const name = uniqueName(`${connection.name}__${tool.name.replace(/[^A-Za-z0-9_-]/g, '_')}`, taken);
  const { $schema: _ignored, ...jsonSchema } = tool.inputSchema;
  return {
    name,
    description: tool.description || `The ${tool.name} tool of the MCP server "${connection.name}".`,
    inputSchema: argumentsSchema,
    jsonSchema,
    askFirst: (input) => `${connection.name} → ${tool.name} ${JSON.stringify(input ?? {})}`,
    async run(input, context) {
      if (!connection.isOpen())
        return failure(`The MCP server "${connection.name}" has stopped; its tools come back at the next turn.`);
      try {
        return await connection.callTool(tool.name, input, context.signal);
      } catch (error) {
        if (context.signal.aborted) return failure('Stopped: the task was stopped.');
        const reason = error instanceof Error ? error.message : String(error);
        return failure(`The MCP server "${connection.name}" could not run ${tool.name}: ${reason}`);
      }
    },
  };
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base.slice(0, maxToolNameLength);
  for (let index = 2; taken.has(name); index += 1) {
    const suffix = `_${index}`;
    name = `${base.slice(0, maxToolNameLength - suffix.length)}${suffix}`;
  }
  taken.add(name);
  return name;
}

function keyOf(server: McpLaunchServer): string {
  return JSON.stringify(server);
}
