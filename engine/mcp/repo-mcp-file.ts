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

/**
 * Reads a repository's `.mcp.json` from its checkout (not a task's worktree, where an agent could change it).
 * `${VAR}` and `${VAR:-default}` in commands, arguments, env, URLs and headers take the engine's environment, as in
 * Claude Code; a variable that is not set and has no default makes the file unusable until it is.
 */
export async function readRepoMcpFile(repoPath: string, env: NodeJS.ProcessEnv = process.env): Promise<RepoMcpFile> {
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
    const missing = new Set<string>();
    const expanded = entry.success ? expand(toTransport(entry.data), env, missing) : null;
    if (missing.size > 0)
      return invalid(
        `The server "${name}" uses ${[...missing].map((one) => `\${${one}}`).join(', ')}, not set where Flotilla runs. ` +
          'Set it (or give a default, ${NAME:-value}) and start Flotilla again.',
      );
    const transport = expanded ? mcpTransportSchema.safeParse(expanded) : null;
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

/** Every string in a value with `${VAR}` / `${VAR:-default}` replaced from `env`; unset names go in `missing`. */
function expand(value: unknown, env: NodeJS.ProcessEnv, missing: Set<string>): unknown {
  if (typeof value === 'string')
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_whole, name: string, fallback?: string) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      missing.add(name);
      return '';
    });
  if (Array.isArray(value)) return value.map((item) => expand(item, env, missing));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expand(item, env, missing)]));
  return value;
}
