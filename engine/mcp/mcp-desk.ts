import type { McpCheck, McpRepoFile, McpServerInfo, McpTransport } from '../../shared/mcp.js';
import type { Task } from '../../shared/task.js';
import { EngineError } from '../errors.js';
import type { EngineConfig } from '../store/engine-config.js';
import type { McpLaunchServer } from './launch-server.js';
import { connectMcpServer } from './connect-mcp.js';
import { listedTools, McpStartError } from './mcp-connection.js';
import { McpConfig, sameServer, type McpServerConfig, type StoredMcpServer } from './mcp-config.js';
import { readRepoMcpFile } from './repo-mcp-file.js';

type Source = McpServerInfo['source'];

/**
 * The user's MCP servers: configured globally or per repository, and a repository's `.mcp.json` once approved. Keeps
 * the last start of each (mcp/test, kept in its file) so clients can show its state and tools, and gives a task's
 * agent its servers.
 */
export class McpDesk {
  constructor(
    private readonly store: McpConfig,
    private readonly config: EngineConfig,
  ) {}

  /** Opens the servers kept in FLOTILLA_HOME. */
  static open(paths: { mcpServers: string; secrets: string }, config: EngineConfig): McpDesk {
    return new McpDesk(new McpConfig(paths.mcpServers, paths.secrets), config);
  }

  /** The configured servers of a repository and the global ones (or all), secrets masked. */
  list(repoId?: string): McpServerInfo[] {
    if (repoId) this.config.requireRepo(repoId);
    // A removed repository's servers are kept (its id follows its path, so adding it again brings them back).
    return this.store
      .list()
      .filter((server) => server.repoId === null || this.config.repos.has(server.repoId))
      .filter((server) => !repoId || server.repoId === null || server.repoId === repoId)
      .map((server) => this.info(server, 'user'));
  }

  /** Adds (or with `replace`, replaces) a server. */
  add(server: McpServerConfig, replace: boolean): McpServerInfo {
    if (server.repoId !== null) this.config.requireRepo(server.repoId);
    const existing = this.store.list().find((one) => sameServer(one, server));
    if (existing && !replace)
      throw new EngineError(
        'invalidInput',
        `An MCP server called "${server.name}" is already configured ${scopeText(server.repoId)}. ` +
          `Remove it first (\`flotilla mcp remove ${server.name}\`) or pick another name.`,
      );
    this.store.setCheck(checkKey(server, 'user'), null);
    return this.info(this.store.put(server), 'user');
  }

  /** Forgets a configured server; false when there was none of that name. */
  remove(name: string, repoId?: string): boolean {
    const server = this.find(name, repoId, false);
    if (!server) return false;
    this.store.remove(server);
    this.store.setCheck(checkKey(server, 'user'), null);
    return true;
  }

  /** Turns a configured server on or off. */
  setEnabled(name: string, repoId: string | undefined, enabled: boolean): McpServerInfo {
    return this.info(this.store.setEnabled(this.require(name, repoId), enabled), 'user');
  }

  /** Starts a server (configured, or from the repository's `.mcp.json`), lists its tools and stops it. */
  async test(name: string, repoId?: string): Promise<{ server: McpServerInfo; check: McpCheck }> {
    const stored = this.find(name, repoId, true);
    if (stored) {
      const { transport } = this.store.withSecrets(stored);
      const check = await checkServer(launchOf(name, transport));
      this.store.setCheck(checkKey(stored, 'user'), check);
      return { server: this.info(stored, 'user'), check };
    }
    const fromFile = repoId ? await this.repoFileServer(repoId, name) : null;
    if (!fromFile) throw this.notFound(name, repoId);
    // A repository's own server may name its command relative to the repository.
    const cwd = this.config.requireRepo(fromFile.repoId).repo.path;
    const check = await checkServer(launchOf(name, fromFile.transport), cwd);
    this.store.setCheck(checkKey(fromFile, 'repoFile'), check);
    return { server: publicInfo({ ...fromFile, enabled: true }, 'repoFile', check), check };
  }

  /**
   * Keeps how an agent's start of a task's server went as its state: the repository's server of that name, else the
   * global one, else the one of its `.mcp.json`. True when a configured server's state changed (clients are told).
   */
  recordStart(repoId: string, name: string, check: McpCheck): boolean {
    const stored =
      this.store.list().find((one) => one.name === name && one.repoId === repoId) ??
      this.store.list().find((one) => one.name === name && one.repoId === null);
    this.store.setCheck(stored ? checkKey(stored, 'user') : checkKey({ name, repoId }, 'repoFile'), check);
    return stored !== undefined;
  }

  /** A repository's `.mcp.json`, its servers and whether its current content is approved. */
  async repoFile(repoId: string): Promise<McpRepoFile> {
    const entry = this.config.requireRepo(repoId);
    const file = await readRepoMcpFile(entry.repo.path);
    if (file.kind === 'missing')
      return { repoId, path: file.path, state: 'missing', hash: null, problem: null, servers: [] };
    if (file.kind === 'invalid')
      return { repoId, path: file.path, state: 'invalid', hash: file.hash, problem: file.problem, servers: [] };
    const approved = this.store.approvedHash(repoId);
    const state = approved === file.hash ? 'approved' : approved === null ? 'unapproved' : 'changed';
    const servers = file.servers.map((server) =>
      publicInfo(
        { ...server, repoId, enabled: state === 'approved' },
        'repoFile',
        this.store.check(checkKey({ name: server.name, repoId }, 'repoFile')),
      ),
    );
    return { repoId, path: file.path, state, hash: file.hash, problem: null, servers };
  }

  /** Approves a repository's `.mcp.json` as the user saw it (by its hash). */
  async approveRepoFile(repoId: string, hash: string): Promise<McpRepoFile> {
    const file = await this.repoFile(repoId);
    if (file.state === 'missing')
      throw new EngineError('notFound', `The repository has no ${file.path}, so there is nothing to approve.`);
    if (file.state === 'invalid') throw new EngineError('invalidInput', `${file.path} cannot be used: ${file.problem}`);
    if (file.hash !== hash)
      throw new EngineError(
        'invalidInput',
        `${file.path} changed since it was shown. Look at its servers again (\`flotilla mcp approve --repo …\` shows them) and approve the current content.`,
      );
    this.store.approve(repoId, hash);
    return { ...file, state: 'approved', servers: file.servers.map((server) => ({ ...server, enabled: true })) };
  }

  /**
   * The user's servers for a task's turn: the repository's own, then the global ones, then those of its approved
   * `.mcp.json` (an unapproved or changed file gives none). Disabled servers are left out.
   */
  async serversFor(task: Pick<Task, 'repoId'>): Promise<McpLaunchServer[]> {
    const configured = this.store
      .list()
      .filter((server) => server.enabled && (server.repoId === task.repoId || server.repoId === null))
      .sort((one, other) => Number(one.repoId === null) - Number(other.repoId === null))
      .map((server) => this.store.withSecrets(server));
    const launches = configured.map((server) => launchOf(server.name, server.transport));
    const entry = this.config.repos.get(task.repoId);
    if (!entry) return launches;
    const file = await readRepoMcpFile(entry.repo.path);
    if (file.kind !== 'read' || this.store.approvedHash(task.repoId) !== file.hash) return launches;
    return [...launches, ...file.servers.map((server) => launchOf(server.name, server.transport))];
  }

  private async repoFileServer(repoId: string, name: string) {
    const entry = this.config.requireRepo(repoId);
    const file = await readRepoMcpFile(entry.repo.path);
    const server = file.kind === 'read' ? file.servers.find((one) => one.name === name) : undefined;
    return server ? { ...server, repoId } : null;
  }

  private require(name: string, repoId?: string): StoredMcpServer {
    const server = this.find(name, repoId, true);
    if (server) return server;
    throw this.notFound(name, repoId);
  }

  private notFound(name: string, repoId?: string): EngineError {
    return new EngineError(
      'notFound',
      `No MCP server called "${name}" is configured ${scopeText(repoId ?? null)}. See \`flotilla mcp list\`.`,
    );
  }

  /** The server of that name: in the repository given, else the global one, else the only one of that name. */
  private find(name: string, repoId: string | undefined, strict: boolean): StoredMcpServer | null {
    const named = this.store.list().filter((server) => server.name === name);
    if (repoId) return named.find((server) => server.repoId === repoId) ?? null;
    const global = named.find((server) => server.repoId === null);
    if (global) return global;
    if (named.length > 1 && strict)
      throw new EngineError(
        'invalidInput',
        `Several repositories have an MCP server called "${name}"; say which with --repo <repo>.`,
      );
    return named.length === 1 ? (named[0] ?? null) : null;
  }

  private info(server: StoredMcpServer, source: Source): McpServerInfo {
    const check = this.store.check(checkKey(server, source));
    return {
      name: server.name,
      repoId: server.repoId,
      source,
      enabled: server.enabled,
      transport: server.transport,
      check,
    };
  }
}

/** Starts a server, lists its tools and stops it: the check mcp/test shows. */
export async function checkServer(server: McpLaunchServer, cwd?: string): Promise<McpCheck> {
  const checkedAt = new Date().toISOString();
  try {
    const connection = await connectMcpServer(server, cwd ? { cwd } : {});
    await connection.close().catch(() => undefined);
    return { ok: true, ...listedTools(connection.tools), checkedAt };
  } catch (error) {
    if (!(error instanceof McpStartError)) throw error;
    return { ok: false, message: error.message, tools: [], checkedAt };
  }
}

/** A server as an agent is given it. */
export function launchOf(name: string, transport: McpTransport): McpLaunchServer {
  return transport.transport === 'stdio'
    ? { transport: 'stdio', name, origin: 'user', command: transport.command, args: transport.args, env: transport.env }
    : { transport: 'http', name, origin: 'user', url: transport.url, headers: transport.headers };
}

function publicInfo(
  server: { name: string; repoId: string | null; enabled: boolean; transport: McpTransport },
  source: Source,
  check: McpCheck | null,
): McpServerInfo {
  const { transport } = server;
  return {
    name: server.name,
    repoId: server.repoId,
    source,
    enabled: server.enabled,
    transport:
      transport.transport === 'stdio'
        ? { transport: 'stdio', command: transport.command, args: transport.args, envNames: Object.keys(transport.env) }
        : { transport: 'http', url: transport.url, headerNames: Object.keys(transport.headers) },
    check,
  };
}

function checkKey(server: { name: string; repoId: string | null }, source: Source): string {
  return `${source}\u0000${server.repoId ?? ''}\u0000${server.name}`;
}

function scopeText(repoId: string | null): string {
  return repoId === null ? 'globally' : `for repository ${repoId}`;
}
