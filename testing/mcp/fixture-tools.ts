import { appendFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/** What lookup_ticket answers for a ticket id: checkable text the model (and the test) can recognise. */
export function ticketAnswer(id: string): string {
  return `Ticket ${id.toUpperCase()}: "Login button does nothing on Safari" (open, assigned to dana)`;
}

/**
 * The test MCP server's tools, on the SDK's server side: `lookup_ticket(id)`, `echo_upper(text)`, `sleep_ms(ms)` and
 * `read_env(name)` (the value of an environment variable or header the server was given). Each call is appended to
 * `callLog` (a JSON line) when set, so a test sees that the call reached the server.
 */
export function fixtureMcpServer(options: { callLog?: string; headers?: () => Record<string, string> } = {}) {
  const server = new McpServer({ name: 'flotilla-fixture', version: '1.0.0' });
  const logged = (tool: string, input: unknown) => {
    if (options.callLog) appendFileSync(options.callLog, `${JSON.stringify({ tool, input })}\n`);
  };
  server.registerTool(
    'lookup_ticket',
    { description: 'Looks up a ticket of the issue tracker by its id.', inputSchema: { id: z.string() } },
    async ({ id }) => {
      logged('lookup_ticket', { id });
      return { content: [{ type: 'text', text: ticketAnswer(id) }] };
    },
  );
  server.registerTool(
    'echo_upper',
    { description: 'Answers with the text in capitals.', inputSchema: { text: z.string() } },
    async ({ text }) => {
      logged('echo_upper', { text });
      return { content: [{ type: 'text', text: text.toUpperCase() }] };
    },
  );
  server.registerTool(
    'sleep_ms',
    { description: 'Waits the given milliseconds, then answers.', inputSchema: { ms: z.number() } },
    async ({ ms }, extra) => {
      logged('sleep_ms', { ms });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        extra.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return { content: [{ type: 'text', text: `slept ${ms} ms` }] };
    },
  );
  server.registerTool(
    'read_env',
    {
      description: 'The value of an environment variable (stdio) or request header (http) the server was given.',
      inputSchema: { name: z.string() },
    },
    async ({ name }) => {
      logged('read_env', { name });
      const value = options.headers ? options.headers()[name.toLowerCase()] : process.env[name];
      if (value === undefined) return { isError: true, content: [{ type: 'text', text: `${name} is not set` }] };
      return { content: [{ type: 'text', text: value }] };
    },
  );
  return server;
}
