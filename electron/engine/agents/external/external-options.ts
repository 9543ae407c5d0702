import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scrubEnvironment } from '../sandbox/environment.js';

/** Knobs for external agents, mostly for tests. */
export interface ExternalAgentOptions {
  /** Variables set last on the agent's environment (tests point HOME and TMPDIR at temp folders). */
  env?: Record<string, string>;
  /** How long a stopped agent gets to wind down before its process group is killed (default 2 s). */
  stopGraceMs?: number;
}

/** The environment for an external agent: the scrubbed engine environment, what the agent needs, the user's agents.json `env`, then test overrides. */
export function externalEnvironment(needed: Record<string, string>, options: ExternalAgentOptions, configured: Record<string, string> = {}): Record<string, string> {
  return { ...scrubEnvironment(process.env), ...needed, ...configured, ...options.env };
}

/** Flotilla's version, reported to agents that ask who their client is. */
export function clientVersion(): string {
  try {
    const path = fileURLToPath(new URL('../../../../package.json', import.meta.url));
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
