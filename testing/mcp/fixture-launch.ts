import { resolve } from 'node:path';
import type { McpTransport } from '../../shared/mcp.js';

/** The stdio fixture server's script. */
export const stdioFixtureScript = resolve('testing/mcp/stdio-fixture-server.ts');

/** tsx's loader by absolute URL, so the server starts in any folder (a task's worktree has no node_modules). */
const tsxLoader = import.meta.resolve('tsx');

/** How to start the stdio fixture server (`crash`: one that fails at start), as an mcp/add transport. */
export function stdioFixture(
  options: { mode?: 'crash'; env?: Record<string, string> } = {},
): Extract<McpTransport, { transport: 'stdio' }> {
  return {
    transport: 'stdio',
    command: process.execPath,
    args: ['--import', tsxLoader, stdioFixtureScript, ...(options.mode ? [options.mode] : [])],
    env: options.env ?? {},
  };
}
