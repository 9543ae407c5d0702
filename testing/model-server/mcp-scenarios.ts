import { replyText, replyToolCalls } from './scenario-steps.js';
import type { Scenario } from './scenario-types.js';

/** The ticket the MCP scenarios look up (the fixture server answers `Ticket ABC-123: …`). */
export const mcpTicketId = 'abc-123';

/**
 * The built-in agent calls the stdio test server's tool (configured as `fixture`) and the HTTP one's (as `web`), then
 * answers; the tests read the tool results in the second request.
 */
export const mcpTools: Scenario = {
  name: 'mcpTools',
  description: 'Calls fixture__lookup_ticket and web__echo_upper (the test MCP servers), then a text reply.',
  steps: [
    replyToolCalls(
      [
        { name: 'fixture__lookup_ticket', arguments: { id: mcpTicketId } },
        { name: 'web__echo_upper', arguments: { text: 'over http' } },
      ],
      { text: 'Looking the ticket up.' },
    ),
    replyText('The ticket is about the Safari login button.'),
  ],
};

/** The built-in agent calls the stdio test server's lookup_ticket once (configured as `fixture`), then answers. */
export const mcpLookup: Scenario = {
  name: 'mcpLookup',
  description: 'Calls fixture__lookup_ticket (the stdio test MCP server), then a text reply.',
  steps: [
    replyToolCalls([{ name: 'fixture__lookup_ticket', arguments: { id: mcpTicketId } }]),
    replyText('Done with the ticket.'),
  ],
};
