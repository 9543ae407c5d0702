import type { Agent, AgentServices } from '../agent.js';
import { createAcpAgent } from './acp/acp-agent.js';
import { acpSpecs } from './acp/acp-presets.js';
import { readAgentSettings } from './agent-settings.js';
import { createClaudeCodeAgent } from './claude-code/claude-code-agent.js';
import { createCodexAgent } from './codex/codex-agent.js';
import type { ExternalAgentOptions } from './external-options.js';

/**
 * The external agents every engine offers: Claude Code, Codex, the ACP presets (Gemini CLI and the
 * Claude Code and Codex ACP adapters) and the user's own ACP agents from FLOTILLA_HOME/agents.json
 * (read once at start; paths, arguments and environment are re-read for every turn and check).
 */
export function createExternalAgents(services: AgentServices, options: ExternalAgentOptions = {}): Agent[] {
  const settings = readAgentSettings(services.home);
  return [
    createClaudeCodeAgent(services, options),
    createCodexAgent(services, options),
    ...acpSpecs(settings).map((spec) => createAcpAgent(spec, services, options)),
  ];
}
