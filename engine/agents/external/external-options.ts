import { scrubEnvironment } from '../sandbox/environment.js';
import { flotillaVersion } from '../../package-info.js';

/** Knobs for external agents, mostly for tests. */
export interface ExternalAgentOptions {
  /** Variables set last on the agent's environment (tests point HOME and TMPDIR at temp folders). */
  env?: Record<string, string>;
  /** How long a stopped agent gets to wind down before its process group is killed (default 2 s). */
  stopGraceMs?: number;
}

/**
 * The environment for an external agent: the scrubbed engine environment, what the agent needs, the user's agents.json
 * `env`, then test overrides.
 */
export function externalEnvironment(
  needed: Record<string, string>,
  options: ExternalAgentOptions,
  configured: Record<string, string> = {},
): Record<string, string> {
  return { ...scrubEnvironment(process.env), ...needed, ...configured, ...options.env };
}

/** Flotilla's version, reported to agents that ask who their client is. */
export const clientVersion = flotillaVersion;

/**
 * The model name to hand a CLI agent: the task's model without the `provider:` prefix Flotilla's
 * price table uses. A model of another provider (say `openai:…` for Claude Code) is not passed on;
 * `ignored` says which, so the thread can tell the user the agent's default is used instead.
 */
export function agentModel(model: string | null, provider: string): { name: string | null; ignored: string | null } {
  if (!model) return { name: null, ignored: null };
  const prefix = /^([a-z]+):(.+)$/.exec(model);
  if (!prefix) return { name: model, ignored: null };
  return prefix[1] === provider ? { name: prefix[2] ?? null, ignored: null } : { name: null, ignored: model };
}
