/** Help text of `flotilla mcp …`, keyed by command path. */
export const mcpUsages = {
  mcp: `Usage: flotilla mcp [list|add|test|remove|enable|disable|approve] …

MCP servers give every task's agent more tools (an issue tracker, a database, docs). A server is
global (every task) or belongs to one repository; a repository's own .mcp.json is used only after
you approve it, and asks again when it changes. Secret values (--env, --header) are stored like
provider keys and never shown again.

  flotilla mcp list [--repo <repo>]                    Servers, their state and tools (and the .mcp.json of
                                                       the repository named, or the one you are in)
  flotilla mcp add <name> [--repo <repo>] [--env K=V]… -- <command> [args…]
  flotilla mcp add <name> --url <url> [--header 'K: V']… [--repo <repo>]
  flotilla mcp test <name> [--repo <repo>]             Start it and list its tools
  flotilla mcp remove <name> [--repo <repo>]
  flotilla mcp enable|disable <name> [--repo <repo>]   Give it to new turns, or not
  flotilla mcp approve [--repo <repo>]                 Approve the repository's .mcp.json as it is now`,
  'mcp add': `Usage: flotilla mcp add <name> [--repo <repo>] [--env K=V]… -- <command> [args…]
       flotilla mcp add <name> --url <url> [--header 'K: V']… [--repo <repo>]

Adds an MCP server started as a command (stdio) or reached at a URL (streamable HTTP). Its tools
reach the agents as <name>__<tool>. The name may use letters, digits, - and _.

Options:
  --repo <repo>        Only for this repository's tasks (a path or an id); default: every task
  --env K=V            An environment variable for the server (repeatable); stored as a secret
  --url <url>          The server's streamable HTTP endpoint, http(s)://…
  --header 'K: V'      An HTTP header sent to the server (repeatable); stored as a secret
  --disabled           Add it switched off
  --replace            Replace a server of that name in the same scope`,
  'mcp approve': `Usage: flotilla mcp approve [--repo <repo>]

Shows the servers of the repository's .mcp.json (default: the repository you are in) and approves
the file as it is now: its servers then reach that repository's tasks. A later change to the file
asks again.`,
} as const;
