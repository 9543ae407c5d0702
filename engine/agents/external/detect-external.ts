import type { Agent, AgentAvailability, AgentServices, AgentTurnContext, TurnOutcome } from '../agent.js';
import { findAgentBinary, versionOf } from './agent-binary.js';
import { readAgentSettings, type AgentEntry } from './agent-settings.js';
import { externalEnvironment, type ExternalAgentOptions } from './external-options.js';

/** The account an external agent runs under: its environment, or why it has none. */
export type ExternalAccount =
  { kind: 'flotilla' | 'user'; env: Record<string, string>; detail: string } | { kind: 'missing'; detail: string };

/** What differs between the external agents' availability checks. */
export interface ExternalAgentSpec {
  id: string;
  label: string;
  /** Program names to look for on PATH. */
  binaries: readonly string[];
  /** How to install it, as a sentence without its full stop. */
  installHint: string;
  account(services: AgentServices, entry: AgentEntry): ExternalAccount;
  /** With the user's own login: why it is not logged in (a sentence), or null when it is. */
  checkUserLogin(file: string, env: Record<string, string>): Promise<string | null>;
}

/** Whether an external agent is installed (and which version), and whether it can authenticate. */
export async function detectExternalAgent(
  spec: ExternalAgentSpec,
  services: AgentServices,
  options: ExternalAgentOptions,
): Promise<AgentAvailability> {
  const settings = readAgentSettings(services.home);
  if (settings.problem) return { available: false, detail: settings.problem };
  const entry = settings.entries[spec.id] ?? {};
  const lookup = findAgentBinary(spec.binaries, entry.path, options.env?.['PATH']);
  if (!lookup.found) {
    return {
      available: false,
      detail: `${spec.label} is not installed: ${lookup.detail} ${spec.installHint}, or give its path in Settings (Agents on this machine).`,
    };
  }
  const account = spec.account(services, entry);
  const env = externalEnvironment(account.kind === 'missing' ? {} : account.env, options, entry.env);
  const version = (await versionOf(lookup.path, env)) ?? 'unknown version';
  const found = `${spec.label} ${version} (${lookup.path}).`;
  if (account.kind === 'missing') return { available: false, detail: `${found} ${account.detail}` };
  if (account.kind === 'user') {
    const notLoggedIn = await spec.checkUserLogin(lookup.path, env);
    if (notLoggedIn !== null) return { available: false, detail: `${found} ${notLoggedIn}` };
  }
  return { available: true, detail: `${found} ${account.detail}` };
}

/** An external agent as a task backend: the availability check its spec describes, and its own turns. */
export function externalAgent<O extends ExternalAgentOptions>(
  spec: ExternalAgentSpec,
  services: AgentServices,
  options: O,
  runTurn: (context: AgentTurnContext, services: AgentServices, options: O) => Promise<TurnOutcome>,
): Agent {
  return {
    id: spec.id,
    name: spec.label,
    teamAccess: 'mcp',
    detect: () => detectExternalAgent(spec, services, options),
    runTurn: (context) => runTurn(context, services, options),
  };
}
