import { z } from 'zod';

/** The longest server name: its tools are offered as `name__tool`, and model APIs cap tool names at 64 characters. */
export const maxMcpServerNameLength = 32;

/** Schema for an MCP server's name: letters, digits, - and _ (it prefixes the server's tools). */
export const mcpServerNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the MCP server a name.')
  .max(maxMcpServerNameLength, `An MCP server name can be at most ${maxMcpServerNameLength} characters.`)
  .regex(/^[A-Za-z0-9_-]+$/, 'An MCP server name may use letters, digits, - and _ only (its tools are name__tool).');

const nameValues = z.record(z.string().trim().min(1, 'A variable or header needs a name.'), z.string());

/** Schema for how to reach an MCP server as the user gives it: a command to start (stdio) or a streamable HTTP URL. */
export const mcpTransportSchema = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('stdio'),
    command: z.string().trim().min(1, 'Give the command that starts the MCP server.'),
    args: z.array(z.string()).default([]),
    /** Environment variables for the server; their values are kept like provider keys. */
    env: nameValues.default({}),
  }),
  z.object({
    transport: z.literal('http'),
    url: z.url({ protocol: /^https?$/, error: 'Give the MCP server URL as http(s)://host/path.' }),
    /** HTTP headers sent with every request (an Authorization header, say); their values are kept like keys. */
    headers: nameValues.default({}),
  }),
]);
/** How to reach an MCP server, with its secrets. */
export type McpTransport = z.output<typeof mcpTransportSchema>;

/** Schema for a server's transport as clients see it: what runs or where, and only the names of secrets. */
export const mcpTransportPublicSchema = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('stdio'),
    command: z.string(),
    args: z.array(z.string()),
    envNames: z.array(z.string()),
  }),
  z.object({ transport: z.literal('http'), url: z.string(), headerNames: z.array(z.string()) }),
]);

/** Schema for what starting a server showed: whether it answered, why not, and the tools it lists. */
export const mcpCheckSchema = z.object({
  ok: z.boolean(),
  /** What happened: "3 tools", or why it failed (exit code, the end of its stderr, a timeout). */
  message: z.string(),
  tools: z.array(z.object({ name: z.string(), description: z.string() })),
  checkedAt: z.string(),
});
/** What starting a server showed. */
export type McpCheck = z.infer<typeof mcpCheckSchema>;

/** Schema for an MCP server as clients see it (secrets masked). */
export const mcpServerInfoSchema = z.object({
  name: z.string(),
  /** The repository it belongs to; null for a global server (every task gets it). */
  repoId: z.string().nullable(),
  /** Where it is configured: by the user in Flotilla, or in the repository's `.mcp.json`. */
  source: z.enum(['user', 'repoFile']),
  enabled: z.boolean(),
  transport: mcpTransportPublicSchema,
  /** The last start (by mcp/test or a task's agent); null when it was never started (or changed since). */
  check: mcpCheckSchema.nullable(),
});
/** An MCP server as clients see it. */
export type McpServerInfo = z.infer<typeof mcpServerInfoSchema>;

/** Schema for a repository's `.mcp.json` and whether the user approved its current content. */
export const mcpRepoFileSchema = z.object({
  repoId: z.string(),
  path: z.string(),
  /**
   * missing: no file; invalid: it cannot be read as MCP servers; unapproved: never approved; changed: approved once,
   * different now (asks again); approved: its servers are given to the repository's tasks.
   */
  state: z.enum(['missing', 'invalid', 'unapproved', 'changed', 'approved']),
  /** sha256 of its content, to approve exactly what was shown; null when there is no file. */
  hash: z.string().nullable(),
  /** Why it cannot be used (invalid), else null. */
  problem: z.string().nullable(),
  servers: z.array(mcpServerInfoSchema),
});
/** A repository's `.mcp.json` and its approval. */
export type McpRepoFile = z.infer<typeof mcpRepoFileSchema>;

const serverRef = {
  name: mcpServerNameSchema,
  /** The repository whose server it is; left out: the global one of that name, else the only one of that name. */
  repoId: z.string().min(1).optional(),
};
const repoRef = { repoId: z.string().min(1, 'Give a repository id (see `flotilla repo list`).') };

/** Commands of the user's MCP servers, part of the command map in commands.ts. */
export const mcpCommands = {
  /** The configured servers (of one repository and the global ones, or all), secrets masked. */
  'mcp/list': {
    params: z.object({ repoId: z.string().min(1).optional() }),
    result: z.object({ servers: z.array(mcpServerInfoSchema) }),
  },
  /** Adds a server globally or for a repository; refused when that scope has one of that name, unless `replace`. */
  'mcp/add': {
    params: z.object({
      name: mcpServerNameSchema,
      repoId: z.string().min(1).nullable().default(null),
      server: mcpTransportSchema,
      enabled: z.boolean().default(true),
      replace: z.boolean().default(false),
    }),
    result: z.object({ server: mcpServerInfoSchema }),
  },
  'mcp/remove': { params: z.object(serverRef), result: z.object({ removed: z.boolean() }) },
  /** Turns a server on or off for new turns (it stays configured). */
  'mcp/setEnabled': {
    params: z.object({ ...serverRef, enabled: z.boolean() }),
    result: z.object({ server: mcpServerInfoSchema }),
  },
  /**
   * Starts a server (a configured one, or with `repoId`, one of the repository's `.mcp.json`), lists its tools and
   * stops it, with a timeout. Never fails for a server problem: the check says what went wrong.
   */
  'mcp/test': {
    params: z.object(serverRef),
    result: z.object({ server: mcpServerInfoSchema, check: mcpCheckSchema }),
  },
  /** A repository's `.mcp.json`: its servers and whether its current content is approved. */
  'mcp/repoFile': { params: z.object(repoRef), result: z.object({ file: mcpRepoFileSchema }) },
  /**
   * Approves a repository's `.mcp.json` as shown (its `hash`); refused when the file changed since. Its servers are
   * then given to the repository's tasks until the file changes.
   */
  'mcp/approveRepoFile': {
    params: z.object({ ...repoRef, hash: z.string().min(1, 'Give the hash of the file as shown (mcp/repoFile).') }),
    result: z.object({ file: mcpRepoFileSchema }),
  },
} as const;

/** Schema for the engine changes of MCP servers: the configured list again, or a repository's `.mcp.json` approved. */
export const mcpChangeSchemas = [
  z.object({ type: z.literal('mcp.changed'), servers: z.array(mcpServerInfoSchema) }),
  z.object({ type: z.literal('mcp.repoFileChanged'), file: mcpRepoFileSchema }),
] as const;
