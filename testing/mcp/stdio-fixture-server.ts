// The test MCP server over stdio (the SDK's server side), run as `node --import tsx stdio-fixture-server.ts [mode]`.
// Modes: none (serve the fixture tools), `crash` (write a reason to stderr and exit 3 before answering).
// FIXTURE_MCP_LOG: a file each tool call is appended to; FIXTURE_MCP_STARTS: a file each start appends its pid to.
import { appendFileSync } from 'node:fs';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { fixtureMcpServer } from './fixture-tools.js';

if (process.argv[2] === 'crash') {
  process.stderr.write('fixture: cannot open the ticket database at /nonexistent/tickets.db\n');
  process.exit(3);
}
const starts = process.env['FIXTURE_MCP_STARTS'];
if (starts) appendFileSync(starts, `${process.pid}\n`);
const log = process.env['FIXTURE_MCP_LOG'];
await fixtureMcpServer(log ? { callLog: log } : {}).connect(new StdioServerTransport());
