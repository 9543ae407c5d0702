import { acpAgentId, customAcpAgents, type AgentEntry, type AgentSettings } from '../agent-settings.js';

/** How to start one ACP agent and what to tell a user who does not have it. */
export interface AcpAgentSpec {
  /** The part after `acp:` in the agent id. */
  name: string;
  /** Shown in the agent picker and the thread. */
  label: string;
  /** Program names tried on PATH, first found wins (agents.json `path` overrides them). */
  programs: readonly string[];
  args: readonly string[];
  /** What to do when the program is missing. */
  install: string;
  /** How a user logs the agent in, when it needs that. */
  login: string;
}

/** The ACP agents Flotilla knows how to start. */
export const acpPresets: readonly AcpAgentSpec[] = [
  {
    name: 'gemini',
    label: 'Gemini CLI (ACP)',
    programs: ['gemini'],
    args: ['--acp'],
    install:
      'Install it with "npm i -g @google/gemini-cli" (older versions need "args": ["--experimental-acp"] in agents.json).',
    login: 'run `gemini` in a terminal once and sign in',
  },
  {
    name: 'claude',
    label: 'Claude Code (ACP adapter)',
    programs: ['claude-agent-acp', 'claude-code-acp'],
    args: [],
    install:
      'Install it with "npm i -g @agentclientprotocol/claude-agent-acp" (formerly @zed-industries/claude-code-acp).',
    login: 'run `claude` in a terminal once and log in, or set ANTHROPIC_API_KEY in its agents.json "env"',
  },
  {
    name: 'codex',
    label: 'Codex (ACP adapter)',
    programs: ['codex-acp'],
    args: [],
    install: 'Install it with "npm i -g @zed-industries/codex-acp".',
    login: 'run `codex login` in a terminal once, or set OPENAI_API_KEY in its agents.json "env"',
  },
];

/** The spec of a user-defined ACP agent from its agents.json entry. */
export function customAcpSpec(name: string, entry: AgentEntry): AcpAgentSpec {
  return {
    name,
    label: entry.name ?? name,
    programs: entry.path ? [entry.path] : [],
    args: entry.args ?? [],
    install: `Set "path" (and "args") for "${acpAgentId(name)}" in agents.json to the agent's command.`,
    login: 'log the agent in as its documentation says',
  };
}

/** Every ACP agent to offer: the presets plus the user's own from agents.json. */
export function acpSpecs(settings: AgentSettings): AcpAgentSpec[] {
  const presetNames = acpPresets.map((preset) => preset.name);
  return [
    ...acpPresets,
    ...customAcpAgents(settings, presetNames).map(({ name, entry }) => customAcpSpec(name, entry)),
  ];
}

/** The program and arguments to start an agent with: agents.json overrides the spec's defaults. */
export function acpCommand(
  spec: AcpAgentSpec,
  entry: AgentEntry,
): { configured: string | undefined; programs: readonly string[]; args: readonly string[] } {
  return { configured: entry.path, programs: spec.programs, args: entry.args ?? spec.args };
}
