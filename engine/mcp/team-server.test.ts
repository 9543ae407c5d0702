import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import type { Agent } from '../agents/agent.js';
import { scriptedAgent } from '../agents/scripted-agent.js';
import { acpMcpServers, codexMcpOverrides } from '../agents/external/mcp-launch.js';
import type { McpLaunchServer } from './launch-server.js';

/** A scripted agent that takes MCP servers, remembering the ones each task's turn was given. */
function mcpScripted(seen: Map<string, readonly McpLaunchServer[]>): Agent {
  return {
    ...scriptedAgent,
    id: 'mcp-scripted',
    teamAccess: 'mcp',
    async runTurn(context) {
      seen.set(context.taskId, context.mcpServers ?? []);
      return scriptedAgent.runTurn(context);
    },
  };
}

let harness: EngineHarness | undefined;
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await harness?.dispose();
  harness = undefined;
});

async function connect(server: McpLaunchServer | undefined): Promise<Client> {
  if (server?.transport !== 'http') throw new Error('expected the team server over HTTP');
  const client = new Client({ name: 'team-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers } }),
  );
  clients.push(client);
  return client;
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((part) => part.text ?? '').join('');
}

describe('Flotilla’s team MCP server', () => {
  it('serves each team task its own tools, and only acts on its own team', async () => {
    const seen = new Map<string, readonly McpLaunchServer[]>();
    harness = await startHarness({ agents: [mcpScripted(seen), scriptedAgent] });
    const lead = await harness.createTask('say planning', { agent: 'mcp-scripted', team: true });
    await harness.waitFor(lead.id, ['done']);
    const leadServers = seen.get(lead.id) ?? [];
    expect(leadServers.map((server) => [server.name, server.origin, server.transport])).toEqual([
      ['flotilla', 'team', 'http'],
    ]);
    const leadClient = await connect(leadServers[0]);
    expect((await leadClient.listTools()).tools.map((tool) => tool.name)).toEqual([
      'spawn_subtask',
      'list_subtasks',
      'wait_for_subtasks',
      'send_message',
      'read_messages',
      'merge_subtask',
    ]);

    const spawned = await leadClient.callTool({
      name: 'spawn_subtask',
      arguments: { title: 'Notes', prompt: 'write notes.txt hello\nsay written' },
    });
    expect(spawned.isError).toBe(false);
    const subtaskId = /Started subtask ([a-z0-9]+)/.exec(textOf(spawned))?.[1] ?? '';
    const subtask = await harness.waitFor(subtaskId, ['done']);
    expect(subtask.team).toEqual({ role: 'subtask', leadId: lead.id });

    // The subtask (an MCP agent too) gets its own token with the messaging tools only.
    const subtaskClient = await connect(seen.get(subtaskId)?.[0]);
    expect((await subtaskClient.listTools()).tools.map((tool) => tool.name)).toEqual(['send_message', 'read_messages']);
    const refused = await subtaskClient.callTool({ name: 'spawn_subtask', arguments: { title: 'x', prompt: 'y' } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('spawn_subtask is for the team lead only');
    const sent = await subtaskClient.callTool({ name: 'send_message', arguments: { to: 'lead', text: 'notes done' } });
    expect(sent.isError).toBe(false);

    // Another team's lead cannot touch this team: its token acts as itself only.
    const other = await harness.createTask('say other plan', { agent: 'mcp-scripted', team: true });
    await harness.waitFor(other.id, ['done']);
    const otherClient = await connect(seen.get(other.id)?.[0]);
    const foreignMerge = await otherClient.callTool({ name: 'merge_subtask', arguments: { id: subtaskId } });
    expect(foreignMerge.isError).toBe(true);
    expect(textOf(foreignMerge)).toContain('is not a subtask of this team');
    const foreignMessage = await otherClient.callTool({
      name: 'send_message',
      arguments: { to: subtaskId, text: 'hi' },
    });
    expect(foreignMessage.isError).toBe(true);
    expect(readFileSafe(harness, subtask)).toBe('hello');

    // The lead merges its own subtask over MCP; a bad input is a tool error naming the field.
    const invalid = await leadClient.callTool({ name: 'merge_subtask', arguments: {} });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toContain('id');
    const merged = await leadClient.callTool({ name: 'merge_subtask', arguments: { id: subtaskId } });
    expect(textOf(merged)).toContain(`Merged subtask ${subtaskId}`);
  }, 60_000);

  it('reaches agents without MCP over HTTP through the stdio bridge, and keeps secrets off Codex’s command line', async () => {
    const seen = new Map<string, readonly McpLaunchServer[]>();
    harness = await startHarness({ agents: [mcpScripted(seen)] });
    const lead = await harness.createTask('say planning', { agent: 'mcp-scripted', team: true });
    await harness.waitFor(lead.id, ['done']);
    const servers = seen.get(lead.id) ?? [];
    const [bridged] = acpMcpServers(servers, false);
    if (!bridged || 'type' in bridged) throw new Error('expected a stdio bridge');
    const client = new Client({ name: 'bridge-test', version: '1.0.0' });
    clients.push(client);
    await client.connect(
      new StdioClientTransport({
        command: bridged.command,
        args: bridged.args,
        env: Object.fromEntries(bridged.env.map((pair) => [pair.name, pair.value])),
      }),
    );
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('spawn_subtask');
    const listed = await client.callTool({ name: 'list_subtasks', arguments: {} });
    expect(listed.isError).toBe(false);
    expect(acpMcpServers(servers, true)[0]).toMatchObject({ type: 'http', name: 'flotilla' });

    const token = servers[0]?.transport === 'http' ? (servers[0].headers['Authorization'] ?? '') : '';
    const codex = codexMcpOverrides(servers);
    expect(codex.args.join(' ')).not.toContain(token.replace('Bearer ', ''));
    expect(Object.values(codex.env)).toContain(token.replace('Bearer ', ''));
    expect(codex.args).toContain('mcp_servers.flotilla.default_tools_approval_mode="approve"');
  });

  it('gives no server to a task outside a team, nor to an agent with native team tools', async () => {
    const seen = new Map<string, readonly McpLaunchServer[]>();
    harness = await startHarness({ agents: [mcpScripted(seen)] });
    const alone = await harness.createTask('say alone', { agent: 'mcp-scripted' });
    await harness.waitFor(alone.id, ['done']);
    expect(seen.get(alone.id)).toEqual([]);
  });
});

function readFileSafe(harness: EngineHarness, task: { worktreePath: string }): string {
  return harness.repo.git(['-C', task.worktreePath, 'show', 'HEAD:notes.txt']);
}
