import { z } from 'zod';
import { providerIds, type ProviderId } from '../../shared/repo.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

const providerSecretSchema = z.object({ apiKey: z.string().optional(), baseUrl: z.string().optional() });
const automationSecretSchema = z.object({ webhookSecret: z.string() });
const mcpSecretSchema = z.object({
  env: z.record(z.string(), z.string()).default({}),
  headers: z.record(z.string(), z.string()).default({}),
});
const secretsSchema = z.object({
  providers: z.record(z.string(), providerSecretSchema).default({}),
  automations: z.record(z.string(), automationSecretSchema).default({}),
  mcp: z.record(z.string(), mcpSecretSchema).default({}),
});

/** A provider's stored key and base URL (either may be missing). */
export type ProviderSecret = z.infer<typeof providerSecretSchema>;

/** Every provider's stored settings. */
export type ProviderSecrets = Record<ProviderId, ProviderSecret>;

/** An automation's stored secret (a webhook's signing secret). */
export type AutomationSecret = z.infer<typeof automationSecretSchema>;

function readAll(path: string): z.infer<typeof secretsSchema> {
  return readJsonFile(path, secretsSchema) ?? { providers: {}, automations: {}, mcp: {} };
}

/** Loads provider keys and base URLs from FLOTILLA_HOME/secrets.json (owner-only file). */
export function loadSecrets(path: string): ProviderSecrets {
  const stored = readAll(path).providers;
  return Object.fromEntries(providerIds.map((id) => [id, stored[id] ?? {}])) as ProviderSecrets;
}

/** Saves provider keys and base URLs, readable by the owner only; the automations' secrets stay as they are. */
export function saveSecrets(path: string, secrets: ProviderSecrets): void {
  writeJsonFile(path, { ...readAll(path), providers: secrets }, 0o600);
}

/** An automation's stored secret, or null. */
export function loadAutomationSecret(path: string, automationId: string): AutomationSecret | null {
  return readAll(path).automations[automationId] ?? null;
}

/** Stores (or with null forgets) an automation's secret, readable by the owner only; provider keys stay. */
export function saveAutomationSecret(path: string, automationId: string, secret: AutomationSecret | null): void {
  const all = readAll(path);
  const automations = { ...all.automations };
  if (secret === null) delete automations[automationId];
  else automations[automationId] = secret;
  writeJsonFile(path, { ...all, automations }, 0o600);
}

/** An MCP server's secret values: its environment variables and HTTP headers. */
export type McpSecret = z.infer<typeof mcpSecretSchema>;

/** Every MCP server's stored secrets, keyed by server (engine/mcp/mcp-config.ts names the keys). */
export function loadMcpSecrets(path: string): Record<string, McpSecret> {
  return readAll(path).mcp;
}

/** Stores (or with null forgets) an MCP server's secrets, readable by the owner only; the other secrets stay. */
export function saveMcpSecret(path: string, key: string, secret: McpSecret | null): void {
  const all = readAll(path);
  const mcp = { ...all.mcp };
  if (secret === null) delete mcp[key];
  else mcp[key] = secret;
  writeJsonFile(path, { ...all, mcp }, 0o600);
}
