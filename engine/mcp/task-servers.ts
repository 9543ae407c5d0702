import type { Task } from '../../shared/task.js';
import type { McpLaunchServer } from './launch-server.js';

/** Sources of the MCP servers a task's agent gets; each returns its part of the list for one turn. */
export interface McpServerSources {
  /** Flotilla's own team server for a team task (engine/mcp/team-server.ts); none outside a team. */
  team(task: Task): Promise<McpLaunchServer[]>;
  /** The servers the user configured globally and for the task's repository (issue 13). */
  user(task: Task): Promise<McpLaunchServer[]>;
}

/** The MCP servers for a task's next turn: the team server first, then the user's, names unique. */
export async function mcpServersForTask(sources: McpServerSources, task: Task): Promise<McpLaunchServer[]> {
  const servers = [...(await sources.team(task)), ...(await sources.user(task))];
  const seen = new Set<string>();
  return servers.filter((server) => !seen.has(server.name) && seen.add(server.name));
}
