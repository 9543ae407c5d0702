import { z } from 'zod';
import { mcpCheckSchema, type McpCheck, type McpTransport } from '../../shared/mcp.js';
import { readJsonFile, writeJsonFile } from '../store/json-file.js';
import { loadMcpSecrets, saveMcpSecret } from '../store/secrets-store.js';

const storedTransportSchema = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('stdio'),
    command: z.string(),
    args: z.array(z.string()),
    envNames: z.array(z.string()),
  }),
  z.object({ transport: z.literal('http'), url: z.string(), headerNames: z.array(z.string()) }),
]);
const storedServerSchema = z.object({
  name: z.string(),
  repoId: z.string().nullable(),
  enabled: z.boolean(),
  transport: storedTransportSchema,
});
const mcpFileSchema = z.object({
  servers: z.array(storedServerSchema).default([]),
  /** The sha256 of each repository's `.mcp.json` the user approved, by repository id. */
  approvedRepoFiles: z.record(z.string(), z.string()).default({}),
  /** The last start of each server, so its state shows after a restart too. */
  checks: z.record(z.string(), mcpCheckSchema).default({}),
});

/** A configured server as stored: what to run or where, secrets by name only. */
export type StoredMcpServer = z.infer<typeof storedServerSchema>;

/** A configured server with its secrets, as the engine starts it. */
export interface McpServerConfig {
  name: string;
  repoId: string | null;
  enabled: boolean;
  transport: McpTransport;
}

/** Where a server's secrets are kept in secrets.json. */
function secretKey(server: { name: string; repoId: string | null }): string {
  return `${server.repoId ?? 'global'}/${server.name}`;
}

/**
 * The user's MCP servers in FLOTILLA_HOME/mcp-servers.json, their env and header values in secrets.json (owner-only,
 * like provider keys), and the `.mcp.json` hashes the user approved.
 */
export class McpConfig {
  private readonly file: z.infer<typeof mcpFileSchema>;

  constructor(
    private readonly path: string,
    private readonly secretsPath: string,
  ) {
    this.file = readJsonFile(path, mcpFileSchema) ?? { servers: [], approvedRepoFiles: {}, checks: {} };
  }

  /** Every configured server, secrets masked. */
  list(): readonly StoredMcpServer[] {
    return this.file.servers;
  }

  /** A configured server with its secret values. */
  withSecrets(server: StoredMcpServer): McpServerConfig {
    const secret = loadMcpSecrets(this.secretsPath)[secretKey(server)] ?? { env: {}, headers: {} };
    const { transport } = server;
    const pick = (names: string[], values: Record<string, string>) =>
      Object.fromEntries(names.map((name) => [name, values[name] ?? '']));
    return {
      name: server.name,
      repoId: server.repoId,
      enabled: server.enabled,
      transport:
        transport.transport === 'stdio'
          ? {
              transport: 'stdio',
              command: transport.command,
              args: transport.args,
              env: pick(transport.envNames, secret.env),
            }
          : { transport: 'http', url: transport.url, headers: pick(transport.headerNames, secret.headers) },
    };
  }

  /** Saves a server (replacing the one of that name in its scope), its secrets apart. */
  put(server: McpServerConfig): StoredMcpServer {
    const { transport } = server;
    const stored: StoredMcpServer = {
      name: server.name,
      repoId: server.repoId,
      enabled: server.enabled,
      transport:
        transport.transport === 'stdio'
          ? {
              transport: 'stdio',
              command: transport.command,
              args: transport.args,
              envNames: Object.keys(transport.env),
            }
          : { transport: 'http', url: transport.url, headerNames: Object.keys(transport.headers) },
    };
    const env = transport.transport === 'stdio' ? transport.env : {};
    const headers = transport.transport === 'http' ? transport.headers : {};
    const hasSecrets = Object.keys(env).length + Object.keys(headers).length > 0;
    saveMcpSecret(this.secretsPath, secretKey(server), hasSecrets ? { env, headers } : null);
    const others = this.file.servers.filter((one) => !sameServer(one, server));
    this.file.servers = [...others, stored];
    this.save();
    return stored;
  }

  /** Sets whether a stored server is given to agents. */
  setEnabled(server: StoredMcpServer, enabled: boolean): StoredMcpServer {
    const next = { ...server, enabled };
    this.file.servers = this.file.servers.map((one) => (sameServer(one, server) ? next : one));
    this.save();
    return next;
  }

  /** Forgets a server and its secrets. */
  remove(server: StoredMcpServer): void {
    this.file.servers = this.file.servers.filter((one) => !sameServer(one, server));
    saveMcpSecret(this.secretsPath, secretKey(server), null);
    this.save();
  }

  /** The approved hash of a repository's `.mcp.json`, or null. */
  approvedHash(repoId: string): string | null {
    return this.file.approvedRepoFiles[repoId] ?? null;
  }

  /** Remembers the approved hash of a repository's `.mcp.json`. */
  approve(repoId: string, hash: string): void {
    this.file.approvedRepoFiles = { ...this.file.approvedRepoFiles, [repoId]: hash };
    this.save();
  }

  /** The last start of a server (by the desk's key), or null. */
  check(key: string): McpCheck | null {
    return this.file.checks[key] ?? null;
  }

  /** Remembers (or with null forgets) the last start of a server. */
  setCheck(key: string, check: McpCheck | null): void {
    const checks = { ...this.file.checks };
    if (check) checks[key] = check;
    else delete checks[key];
    this.file.checks = checks;
    this.save();
  }

  private save(): void {
    writeJsonFile(this.path, this.file);
  }
}

/** True when two entries name the same server: the same name in the same scope. */
export function sameServer(
  one: { name: string; repoId: string | null },
  other: { name: string; repoId: string | null },
): boolean {
  return one.name === other.name && one.repoId === other.repoId;
}
