import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Task } from '../../shared/task.js';
import { leadOnlyRefusal } from '../../shared/team.js';
import { flotillaVersion } from '../package-info.js';
import { ReadState } from '../agents/tools/read-state.js';
import type { Tool } from '../agents/tools/tool.js';
import type { EngineContext } from '../engine-context.js';

/**
 * Serves one MCP request as a team task: a stateless server (no MCP session to keep) offering exactly the task's
 * team tools, answering in plain JSON. Tool failures are results with `isError`, worded for the agent.
 */
export async function serveTeamRequest(
  context: EngineContext,
  task: Task,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const tools = context.teamTools(task);
  const server = new Server(
    { name: 'flotilla', version: flotillaVersion() },
    {
      capabilities: { tools: {} },
      instructions:
        task.team?.role === 'lead'
          ? 'Flotilla team tools: start subtasks in their own worktrees, wait for them, message them, merge their work.'
          : 'Flotilla team tools: message your lead and teammates, and read their messages.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      inputSchema: { type: 'object' as const, ...tool.jsonSchema },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, (call, extra) =>
    callTool(tools, task, call.params.name, call.params.arguments ?? {}, extra.signal),
  );
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  response.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(request, response);
}

async function callTool(
  tools: readonly Tool[],
  task: Task,
  name: string,
  input: unknown,
  signal: AbortSignal,
): Promise<CallToolResult> {
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) {
    const available = `Its tools: ${tools.map((known) => known.name).join(', ')}.`;
    const why = `${leadOnlyRefusal(name) ?? `Flotilla has no team tool "${name}".`} ${available}`;
    return { content: [{ type: 'text', text: why }], isError: true };
  }
  const parsed = tool.inputSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
    return { content: [{ type: 'text', text: `Invalid input for ${name}: ${problems.join('; ')}` }], isError: true };
  }
  const result = await tool.run(parsed.data, {
    cwd: task.worktreePath,
    signal,
    onOutput: () => {},
    readState: new ReadState(),
    sandbox: { mode: 'auto', allowNetwork: task.allowNetwork },
    env: process.env,
  });
  return { content: [{ type: 'text', text: result.output }], isError: !result.ok };
}
