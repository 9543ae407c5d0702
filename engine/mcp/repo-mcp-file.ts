import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { mcpServerNameSchema, mcpTransportSchema, type McpTransport } from '../../shared/mcp.js';

/** The file a repository declares its MCP servers in, at its root (the format Claude Code and others read). */
export const repoMcpFileName = '.mcp.json';

const entrySchema = z.union([
  z.object({
    type: z.literal('stdio').optional(),
    command: z.string().min(1),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
  }),
  z.object({
    type: z.enum(['http', 'streamable-http']),
    url: z.string(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
]);
const fileSchema = z.object({ mcpServers: z.record(z.string(), z.unknown()) });

/** What a repository's `.mcp.json` holds: its content hash and servers, or why it cannot be used. */
export type RepoMcpFile =
  | { kind: 'missing'; path: string }
  | { kind: 'invalid'; path: string; hash: string; problem: string }
  | { kind: 'read'; path: string; hash: string; servers: { name: string; transport: McpTransport }[] };

/** Reads a repository's `.mcp.json` from its checkout (not a task's worktree, where an agent could change it). */
export async function readRepoMcpFile(repoPath: string): Promise<RepoMcpFile> {
  const path = join(repoPath, repoMcpFileName);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { kind: 'missing', path };
  }
  const hash = createHash('sha256').update(text).digest('hex');
  const invalid = (problem: string): RepoMcpFile => ({ kind: 'invalid', path, hash, problem });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return invalid(`It is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) return invalid('It has no "mcpServers" object of servers by name.');
  const servers: { name: string; transport: McpTransport }[] = [];
  for (const [name, raw] of Object.entries(file.data.mcpServers)) {
    if (!mcpServerNameSchema.safeParse(name).success)
      return invalid(`The server name "${name}" may use letters, digits, - and _ only.`);
    const entry = entrySchema.safeParse(raw);
    const transport = entry.success ? mcpTransportSchema.safeParse(toTransport(entry.data)) : null;
    if (!transport?.success)
      return invalid(`The server "${name}" needs a "command" (stdio) or "type": "http" with a "url".`);
    servers.push({ name, transport: transport.data });
  }
  return { kind: 'read', path, hash, servers };
}

function toTransport(entry: z.infer<typeof entrySchema>): unknown {
  if ('command' in entry)
    return { transport: 'stdio', command: entry.command, args: entry.args ?? [], env: entry.env ?? {} };
  return { transport: 'http', url: entry.url, headers: entry.headers ?? {} };
}
