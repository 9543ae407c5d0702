import { z } from 'zod';
import { automationRunSchema, automationSchema } from './automation.js';
import { agentInfoSchema } from './commands.js';
import { hostStatusSchema } from './hosts.js';
import { queueChangeSchema } from './merge-queue.js';
import { mcpChangeSchemas } from './mcp.js';
import { terminalChangeSchemas } from './terminal.js';
import { hostLinkStateSchema, hostNameSchema } from './hosts.js';
import { engineSettingsSchema, modelPriceSchema, providerIdSchema, providerPublicSchema, repoSchema } from './repo.js';

export { engineChangeMethod } from './wire-methods.js';

/**
 * Schema for a change to the engine's configuration: repositories, settings, providers (only what
 * is public: a base URL and whether a key is set, never the key), prices and agents. They travel on
 * the same stream as thread events, in order, so every client (window, CLI, server, desktop link)
 * follows what another client changed. They are not part of any thread, so no thread log holds
 * them. Task list changes need none of their own: a task is created, renamed or archived by thread
 * events (task.created, task.renamed, task.archived). Terminals' output travels here too (terminal.*), for the
 * same reason: it belongs to no thread and must never be written to one.
 */
export const engineChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('repo.added'), repo: repoSchema }),
  z.object({ type: z.literal('repo.updated'), repo: repoSchema }),
  z.object({ type: z.literal('repo.removed'), repoId: z.string() }),
  z.object({ type: z.literal('settings.changed'), settings: engineSettingsSchema }),
  z.object({ type: z.literal('providers.changed'), providers: z.record(providerIdSchema, providerPublicSchema) }),
  z.object({ type: z.literal('pricing.changed'), prices: z.record(z.string(), modelPriceSchema) }),
  /** An agent's configuration or availability changed; `agents` is the whole list, as agent/list gives it. */
  z.object({ type: z.literal('agents.changed'), agents: z.array(agentInfoSchema) }),
  /** An automation was created, changed, paused or resumed, or its next scheduled run moved. */
  z.object({ type: z.literal('automation.changed'), automation: automationSchema }),
  z.object({ type: z.literal('automation.removed'), automationId: z.string() }),
  /** A run of an automation was recorded or moved on (queued → started, skipped, failed). */
  z.object({ type: z.literal('automation.ran'), run: automationRunSchema }),
  /** A remote host was added, changed or removed (host/add, host/remove): the whole list, as host/list gives it. */
  z.object({ type: z.literal('hosts.changed'), hosts: z.array(hostStatusSchema) }),
  /** A merge queue changed: an entry added, moved on, set aside or removed, or the queue paused or resumed. */
  queueChangeSchema,
  /** The user's MCP servers changed (added, removed, switched, tested), or a repository's `.mcp.json` was approved. */
  ...mcpChangeSchemas,
  /** A terminal opened, printed, ended or closed (shared/terminal.ts). */
  ...terminalChangeSchemas,
  /**
   * The link to a remote host changed state (connecting, connected, reconnecting, failed); the server sends it on every
   * socket so the window's host switcher follows each host, and `error` says why a link failed or dropped.
   */
  z.object({
    type: z.literal('host.state'),
    name: hostNameSchema,
    state: hostLinkStateSchema,
    error: z.string().optional(),
  }),
]);
/** A change to the engine's configuration (see engineChangeSchema). */
export type EngineChange = z.infer<typeof engineChangeSchema>;
