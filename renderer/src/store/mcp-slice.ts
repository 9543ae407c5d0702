import type { CommandParams } from '../../../shared/commands.js';
import type { EngineChange } from '../../../shared/engine-events.js';
import type { McpCheck, McpRepoFile, McpServerInfo } from '../../../shared/mcp.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';

/** The user's MCP servers as Settings shows them (secrets masked by the engine), and repositories' `.mcp.json`. */
export interface McpSlice {
  mcpServers: McpServerInfo[];
  /** Each repository's `.mcp.json` as last read, by repository id. */
  mcpRepoFiles: Record<string, McpRepoFile>;
  loadMcpServers(): Promise<void>;
  /** Adds a server; rejects with the engine's refusal (a bad name, a taken one). */
  addMcpServer(params: CommandParams<'mcp/add'>): Promise<void>;
  removeMcpServer(name: string, repoId: string | null): Promise<void>;
  setMcpServerEnabled(name: string, repoId: string | null, enabled: boolean): Promise<void>;
  /** Starts a server and lists its tools; the check is kept on the server (or its `.mcp.json` entry). */
  testMcpServer(server: Pick<McpServerInfo, 'name' | 'repoId' | 'source'>): Promise<McpCheck>;
  loadMcpRepoFile(repoId: string): Promise<void>;
  /** Approves a repository's `.mcp.json` as it was shown (by its hash). */
  approveMcpRepoFile(repoId: string, hash: string): Promise<void>;
}

/** Applies an MCP change another client (or this window) made; the same object for other changes. */
export function applyMcpChange(state: Pick<McpSlice, 'mcpServers' | 'mcpRepoFiles'>, change: EngineChange) {
  if (change.type === 'mcp.changed') return { ...state, mcpServers: change.servers };
  if (change.type === 'mcp.repoFileChanged')
    return { ...state, mcpRepoFiles: { ...state.mcpRepoFiles, [change.file.repoId]: change.file } };
  return state;
}

/** Creates the MCP servers slice. */
export const createMcpSlice: Slice<McpSlice> = (set, get) => {
  const scope = (repoId: string | null) => (repoId === null ? {} : { repoId });
  const reload = async () => {
    const { servers } = await requireClient(get()).call('mcp/list', {});
    set({ mcpServers: servers });
  };
  return {
    mcpServers: [],
    mcpRepoFiles: {},
    loadMcpServers: reload,
    async addMcpServer(params) {
      await requireClient(get()).call('mcp/add', params);
      await reload();
    },
    async removeMcpServer(name, repoId) {
      await requireClient(get()).call('mcp/remove', { name, ...scope(repoId) });
      await reload();
    },
    async setMcpServerEnabled(name, repoId, enabled) {
      await requireClient(get()).call('mcp/setEnabled', { name, enabled, ...scope(repoId) });
      await reload();
    },
    async testMcpServer(server) {
      const { check } = await requireClient(get()).call('mcp/test', { name: server.name, ...scope(server.repoId) });
      if (server.source === 'repoFile' && server.repoId) await get().loadMcpRepoFile(server.repoId);
      else await reload();
      return check;
    },
    async loadMcpRepoFile(repoId) {
      const { file } = await requireClient(get()).call('mcp/repoFile', { repoId });
      set((state) => ({ mcpRepoFiles: { ...state.mcpRepoFiles, [repoId]: file } }));
    },
    async approveMcpRepoFile(repoId, hash) {
      const { file } = await requireClient(get()).call('mcp/approveRepoFile', { repoId, hash });
      set((state) => ({ mcpRepoFiles: { ...state.mcpRepoFiles, [repoId]: file } }));
    },
  };
};
