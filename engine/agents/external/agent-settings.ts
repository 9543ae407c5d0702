import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** The agents.json file under FLOTILLA_HOME that configures external agents. */
export const agentSettingsFile = 'agents.json';

/**
 * Which config folder a CLI agent uses: Flotilla's own (default) or the user's own (their login, ~/.claude or
 * ~/.codex).
 */
export const configHomes = ['flotilla', 'user'] as const;

const nameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');

const entrySchema = z
  .object({
    /** A program name looked up on PATH, or an absolute path. */
    path: z.string().min(1, 'give a program name or an absolute path').optional(),
    /** Arguments for an ACP agent's command (presets have their own). */
    args: z.array(z.string()).optional(),
    /** Display name of a custom ACP agent. */
    name: z.string().min(1).optional(),
    /** Extra environment variables for the agent process. */
    env: z.record(z.string(), z.string()).optional(),
    configHome: z.enum(configHomes).optional(),
  })
  .strict();

/** One agent's settings in agents.json. */
export type AgentEntry = z.infer<typeof entrySchema>;

const fileSchema = z.object({ agents: z.record(z.string(), entrySchema).default({}) }).strict();

/** agents.json as loaded: the entries, or why the file could not be used. */
export interface AgentSettings {
  entries: Record<string, AgentEntry>;
  /** Set when the file exists but is invalid; every external agent reports it. */
  problem: string | null;
  path: string;
}

/** The id of an ACP agent named `name`. */
export function acpAgentId(name: string): string {
  return `acp:${name}`;
}

/**
 * Reads FLOTILLA_HOME/agents.json: `{ "agents": { "claude-code": { "path": "...", "configHome": "user" },
 * "acp:my-agent": { "name": "My agent", "path": "my-agent", "args": ["--acp"] } } }`. A missing file
 * means defaults; an invalid one yields `problem` with what to fix.
 */
export function readAgentSettings(home: string): AgentSettings {
  const path = join(home, agentSettingsFile);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: {}, problem: null, path };
    return { entries: {}, problem: `Could not read ${path}: ${(error as Error).message}`, path };
  }
  return parseAgentSettings(text, path);
}

/** Parses and checks the text of agents.json (see `readAgentSettings`). */
export function parseAgentSettings(text: string, path: string): AgentSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { entries: {}, problem: `${path} is not valid JSON (${(error as Error).message}); fix or delete it.`, path };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`);
    return { entries: {}, problem: `${path} is invalid: ${issues.join('; ')}.`, path };
  }
  const problems = Object.entries(parsed.data.agents).flatMap(([id, entry]) => entryProblems(id, entry));
  if (problems.length > 0) return { entries: {}, problem: `${path} is invalid: ${problems.join('; ')}.`, path };
  return { entries: parsed.data.agents, problem: null, path };
}

function entryProblems(id: string, entry: AgentEntry): string[] {
  if (id === 'claude-code' || id === 'codex') {
    if (entry.args || entry.name) return [`agents.${id}: only "path", "env" and "configHome" apply to ${id}`];
    return [];
  }
  if (!id.startsWith('acp:')) return [`agents.${id}: unknown agent; use "claude-code", "codex" or "acp:<name>"`];
  const name = nameSchema.safeParse(id.slice(4));
  if (!name.success) return [`agents.${id}: the name after "acp:" must ${name.error.issues[0]?.message ?? 'be valid'}`];
  if (entry.configHome) return [`agents.${id}: "configHome" applies only to claude-code and codex`];
  return [];
}

/** Custom ACP agents (entries named `acp:<name>` that are not presets), each with a command. */
export function customAcpAgents(
  settings: AgentSettings,
  presetNames: readonly string[],
): { name: string; entry: AgentEntry }[] {
  return Object.entries(settings.entries).flatMap(([id, entry]) => {
    if (!id.startsWith('acp:')) return [];
    const name = id.slice(4);
    return presetNames.includes(name) ? [] : [{ name, entry }];
  });
}

/** What `agent/configure` changes in one agent's entry; undefined leaves a field as it is, null clears it. */
export interface AgentEntryChange {
  path?: string | null;
  configHome?: (typeof configHomes)[number];
}

/**
 * Changes one agent's entry in agents.json, keeping everything else in the file (other agents,
 * arguments, environment). Refuses to touch a file that is invalid, saying what to fix; writes
 * through a temporary file so a crash never leaves half a file.
 */
export function updateAgentEntry(home: string, id: string, change: AgentEntryChange): AgentSettings {
  const current = readAgentSettings(home);
  if (current.problem) throw new Error(`${current.problem} Fix the file first; nothing was changed.`);
  const entry: AgentEntry = { ...(current.entries[id] ?? {}) };
  if (change.path === null) delete entry.path;
  else if (change.path !== undefined) entry.path = change.path;
  // "flotilla" is the default, so it is stored by leaving the key out.
  if (change.configHome === 'flotilla') delete entry.configHome;
  else if (change.configHome !== undefined) entry.configHome = change.configHome;
  const entries = { ...current.entries, [id]: entry };
  if (Object.keys(entry).length === 0) delete entries[id];
  const text = `${JSON.stringify({ agents: entries }, null, 2)}\n`;
  const checked = parseAgentSettings(text, current.path);
  if (checked.problem) throw new Error(checked.problem);
  mkdirSync(dirname(current.path), { recursive: true });
  const temporary = `${current.path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, current.path);
  return checked;
}
