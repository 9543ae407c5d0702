import type { Handlers } from './handler.js';

type McpCommand =
  'mcp/list' | 'mcp/add' | 'mcp/remove' | 'mcp/setEnabled' | 'mcp/test' | 'mcp/repoFile' | 'mcp/approveRepoFile';

/** The user's MCP servers: configure, test, and approve a repository's `.mcp.json`. Secrets go in, never out. */
export const mcpCommands: Handlers<McpCommand> = {
  async 'mcp/list'(context, { repoId }) {
    return { servers: context.mcp.list(repoId) };
  },
  async 'mcp/add'(context, { name, repoId, server, enabled, replace }) {
    return { server: context.mcp.add({ name, repoId, enabled, transport: server }, replace) };
  },
  async 'mcp/remove'(context, { name, repoId }) {
    return { removed: context.mcp.remove(name, repoId) };
  },
  async 'mcp/setEnabled'(context, { name, repoId, enabled }) {
    return { server: context.mcp.setEnabled(name, repoId, enabled) };
  },
  async 'mcp/test'(context, { name, repoId }) {
    return context.mcp.test(name, repoId);
  },
  async 'mcp/repoFile'(context, { repoId }) {
    return { file: await context.mcp.repoFile(repoId) };
  },
  async 'mcp/approveRepoFile'(context, { repoId, hash }) {
    return { file: await context.mcp.approveRepoFile(repoId, hash) };
  },
};
