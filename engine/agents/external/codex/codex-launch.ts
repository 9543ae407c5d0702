import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentServices, AgentTurnContext } from '../../agent.js';
import type { AgentEntry } from '../agent-settings.js';
import { agentModel, externalEnvironment, type ExternalAgentOptions } from '../external-options.js';

/** How Codex gets its credentials and keeps its files, or why it cannot run. */
export type CodexAccount =
  | { kind: 'flotilla'; codexHome: string; configArgs: string[]; env: Record<string, string>; detail: string }
  | { kind: 'user'; configArgs: string[]; env: Record<string, string>; detail: string }
  | { kind: 'missing'; detail: string };

/** The model provider Flotilla defines for Codex (on the command line, never in a config file). */
export const flotillaProviderId = 'flotilla_openai';
const keyVariable = 'FLOTILLA_OPENAI_API_KEY';

/** Where Flotilla keeps Codex's state (CODEX_HOME) when it runs it with its own config. */
export function codexHomeFor(home: string): string {
  return join(home, 'agents', 'codex');
}

/** A `-c key=value` override with the value as a TOML string. */
function override(key: string, value: string): string[] {
  return ['-c', `${key}=${JSON.stringify(value)}`];
}

/**
 * Decides how Codex authenticates. By default ("configHome": "flotilla") it runs with its own
 * CODEX_HOME under FLOTILLA_HOME and a model provider defined by `-c` overrides from Flotilla's
 * OpenAI settings (key passed in an environment variable, base URL when set), so the user's
 * ~/.codex is never touched. With "configHome": "user" it uses the user's own Codex config and login.
 */
export function codexAccount(services: AgentServices, entry: AgentEntry): CodexAccount {
  if (entry.configHome === 'user')
    return { kind: 'user', configArgs: [], env: {}, detail: 'Uses your own Codex config and login (~/.codex).' };
  const provider = services.providerConfig('openai');
  if (provider.apiKey === null) {
    return {
      kind: 'missing',
      detail:
        'Flotilla runs Codex with its own settings folder and needs an OpenAI API key: set one in the provider settings, ' +
        'or turn on “Use my own login” for Codex in Settings to use your own `codex login`.',
    };
  }
  const prefix = `model_providers.${flotillaProviderId}`;
  const configArgs = [
    ...override('model_provider', flotillaProviderId),
    ...override(`${prefix}.name`, 'OpenAI (Flotilla)'),
    ...override(`${prefix}.base_url`, provider.baseUrl ?? 'https://api.openai.com/v1'),
    ...override(`${prefix}.env_key`, keyVariable),
    ...override(`${prefix}.wire_api`, 'responses'),
  ];
  const codexHome = codexHomeFor(services.home);
  return {
    kind: 'flotilla',
    codexHome,
    configArgs,
    env: { [keyVariable]: provider.apiKey, CODEX_HOME: codexHome },
    detail: 'Uses the OpenAI key from Flotilla’s provider settings.',
  };
}

/** The environment for Codex: scrubbed, plus its credentials. */
export function codexEnvironment(
  account: Exclude<CodexAccount, { kind: 'missing' }>,
  entry: AgentEntry,
  options: ExternalAgentOptions,
): Record<string, string> {
  if (account.kind === 'flotilla') mkdirSync(account.codexHome, { recursive: true });
  return externalEnvironment(account.env, options, entry.env);
}

/** How the task's approval mode maps to Codex's approval policy: auto asks only when Codex wants out of its sandbox. */
export function codexApprovalPolicy(context: AgentTurnContext): 'on-request' | 'untrusted' {
  return context.policy.approvalMode === 'auto' ? 'on-request' : 'untrusted';
}

/** The sandbox for a turn: the worktree writable, network as the task allows. */
export function codexSandboxPolicy(context: AgentTurnContext): Record<string, unknown> {
  return {
    type: 'workspaceWrite',
    writableRoots: [],
    networkAccess: context.policy.allowNetwork,
    excludeTmpdirEnvVar: false,
    excludeSlashTmp: false,
  };
}

/** The model to ask for: the task's model without an `openai:` prefix, or null for Codex's default. */
export function codexModel(context: AgentTurnContext): string | null {
  return agentModel(context.model, 'openai').name;
}

/** How to continue a Codex thread by hand, for the session notice. */
export function codexResumeHint(account: Exclude<CodexAccount, { kind: 'missing' }>, threadId: string): string {
  const prefix = account.kind === 'flotilla' ? `CODEX_HOME=${JSON.stringify(account.codexHome)} ` : '';
  return `\`${prefix}codex resume ${threadId}\` continues it`;
}
