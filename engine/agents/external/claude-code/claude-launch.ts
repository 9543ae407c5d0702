import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { keyVariable } from '../../../../shared/provider-environment.js';
import type { AgentServices, AgentTurnContext } from '../../agent.js';
import type { AgentEntry } from '../agent-settings.js';
import { mcpToolTimeoutSeconds } from '../mcp-launch.js';
import { agentModel, externalEnvironment, type ExternalAgentOptions } from '../external-options.js';

/** How Claude Code gets its credentials and keeps its files, or why it cannot run. */
export type ClaudeAccount =
  | { kind: 'flotilla'; configDir: string; env: Record<string, string>; detail: string }
  | { kind: 'user'; env: Record<string, string>; detail: string }
  | { kind: 'missing'; detail: string };

/** Where Flotilla keeps Claude Code's config when it runs it with its own (never the user's ~/.claude). */
export function claudeConfigDir(home: string): string {
  return join(home, 'agents', 'claude-code');
}

/**
 * Decides how Claude Code authenticates. By default ("configHome": "flotilla") it runs with its own
 * CLAUDE_CONFIG_DIR under FLOTILLA_HOME and the Anthropic key (and base URL) from Flotilla's provider
 * settings, so nothing is written to the user's ~/.claude. With "configHome": "user" it uses the
 * user's own `claude` login; Claude Code then keeps its session files in ~/.claude, as it always does.
 */
export function claudeAccount(services: AgentServices, entry: AgentEntry): ClaudeAccount {
  if (entry.configHome === 'user')
    return { kind: 'user', env: {}, detail: 'Uses your own Claude Code login (~/.claude).' };
  const provider = services.providerConfig('anthropic');
  if (provider.apiKey === null) {
    return {
      kind: 'missing',
      detail:
        'Flotilla runs Claude Code with its own settings folder and needs an Anthropic API key: set one in the provider settings, ' +
        'or turn on “Use my own login” for Claude Code in Settings to use your own `claude` login.',
    };
  }
  const env: Record<string, string> = { [keyVariable('anthropic')]: provider.apiKey };
  if (provider.baseUrl) env['ANTHROPIC_BASE_URL'] = provider.baseUrl;
  const configDir = claudeConfigDir(services.home);
  return {
    kind: 'flotilla',
    configDir,
    env: { ...env, CLAUDE_CONFIG_DIR: configDir },
    detail: 'Uses the Anthropic key from Flotilla’s provider settings.',
  };
}

/** The command line for one turn: stream-json both ways, permission prompts over stdio, resuming the task's session. */
export function claudeArgs(context: AgentTurnContext, resume: string | null): string[] {
  const args = [
    '-p',
    '--output-format',
    'stream-json',
    '--input-format',
    'stream-json',
    '--verbose',
    '--include-partial-messages',
    '--permission-prompt-tool',
    'stdio',
    '--permission-mode',
    'default',
    '--max-turns',
    String(context.policy.maxModelCalls),
  ];
  if (resume) args.push('--resume', resume);
  const model = agentModel(context.model, 'anthropic').name;
  if (model) args.push('--model', model);
  return args;
}

/** How to continue a Claude Code session by hand, for the session notice. */
export function claudeResumeHint(account: Exclude<ClaudeAccount, { kind: 'missing' }>, sessionId: string): string {
  const prefix = account.kind === 'flotilla' ? `CLAUDE_CONFIG_DIR=${JSON.stringify(account.configDir)} ` : '';
  return `\`${prefix}claude --resume ${sessionId}\` in the worktree continues it`;
}

/** The environment for Claude Code: scrubbed, plus its credentials and quiet, non-updating operation. */
export function claudeEnvironment(
  account: Exclude<ClaudeAccount, { kind: 'missing' }>,
  entry: AgentEntry,
  options: ExternalAgentOptions,
): Record<string, string> {
  if (account.kind === 'flotilla') mkdirSync(account.configDir, { recursive: true });
  const quiet = {
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    // MCP calls such as wait_for_subtasks may take up to an hour.
    MCP_TOOL_TIMEOUT: String(mcpToolTimeoutSeconds * 1000),
  };
  return externalEnvironment({ ...quiet, ...account.env }, options, entry.env);
}

/** A stream-json user message carrying the turn's prompt. */
export function userMessageLine(prompt: string): string {
  return JSON.stringify({
    type: 'user',
    message: { role: 'user', content: prompt },
    parent_tool_use_id: null,
    session_id: '',
  });
}
