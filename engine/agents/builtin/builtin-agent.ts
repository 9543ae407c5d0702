import { defaultEngineSettings } from '../../../shared/repo.js';
import { providerIds, type ProviderId } from '../../../shared/repo.js';
import { EngineError } from '../../errors.js';
import type { Agent, AgentAvailability, AgentServices, AgentTurnContext, TurnOutcome } from '../agent.js';
import { detectSandbox } from '../sandbox/detect.js';
import { ReadState } from '../tools/read-state.js';
import { builtinTools } from '../tools/registry.js';
import type { Tool } from '../tools/tool.js';
import { runAgentLoop } from './agent-loop.js';
import { connectModel, type ConnectOptions } from './connect-model.js';
import { McpToolbox } from './mcp-toolbox.js';
import { rebuildConversation } from './history.js';
import type { ModelAccess } from './model-access.js';
import { findSkills, readSkillTool, skillRoots } from './skills.js';
import { buildSystemPrompt, loadInstructions } from './system-prompt.js';
import { TurnEmitter } from './turn-emitter.js';

/** The model the built-in agent uses when a task names none. */
export const defaultModelKey = defaultEngineSettings.defaultModel;

const providerLabels: Record<ProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  compatible: 'OpenAI-compatible server',
};

/**
 * Flotilla's own coding agent: talks to Anthropic, OpenAI or any OpenAI-compatible server with the
 * user's keys, works in the task's worktree with the built-in tools (plus `read_skill` when skills
 * exist), asks before shell commands in `ask` mode, and compacts long conversations.
 */
export function createBuiltinAgent(services: AgentServices, options: ConnectOptions = {}): Agent {
  const readStates = new Map<string, ReadState>();
  const mcp = new McpToolbox(services.mcpStarted?.bind(services));
  return {
    id: 'builtin',
    name: 'Flotilla agent',
    teamAccess: 'native',
    async detect() {
      return availability(services);
    },
    async runTurn(context) {
      const emitter = new TurnEmitter(context);
      const sandbox = await detectSandbox();
      emitter.emit({ type: 'sandbox.detected', sandbox: sandbox.kind, detail: sandbox.detail });
      let access: ModelAccess;
      try {
        access = connectModel(context.model ?? defaultModelKey, services, emitter, options);
      } catch (error) {
        if (error instanceof EngineError) return { reason: 'failed', message: error.message } satisfies TurnOutcome;
        throw error;
      }
      const scan = await findSkills(skillRoots(context.cwd, services.home));
      for (const problem of scan.problems) emitter.noticeOnce(problem, 'warning');
      const mcpTools = await mcp.toolsFor(context.taskId, context.mcpServers ?? [], {
        cwd: context.cwd,
        emitter,
        signal: context.signal,
      });
      const tools: readonly Tool[] = [
        ...builtinTools,
        ...(scan.skills.length > 0 ? [readSkillTool(scan.skills)] : []),
        ...(context.teamTools ?? []),
        ...mcpTools,
      ];
      const system = buildSystemPrompt({
        cwd: context.cwd,
        branch: branchOf(context),
        sandbox: sandbox.kind,
        allowNetwork: context.policy.allowNetwork,
        instructions: await loadInstructions(context.cwd, services.home),
        skills: scan.skills,
      });
      const readState = readStates.get(context.taskId) ?? new ReadState();
      readStates.set(context.taskId, readState);
      return runAgentLoop({
        context,
        access,
        emitter,
        system,
        tools,
        toolContext: {
          cwd: context.cwd,
          signal: context.signal,
          readState,
          sandbox: { mode: 'auto', allowNetwork: context.policy.allowNetwork },
          env: process.env,
        },
        conversation: rebuildConversation(context.history, context.prompt, context.turn),
      });
    },
    endTask: (taskId) => mcp.closeTask(taskId),
    close: () => mcp.closeAll(),
  };
}

/** Whether any provider is set up, and which (or what to set). */
export function availability(services: AgentServices): AgentAvailability {
  const ready = providerIds.filter((id) => {
    const config = services.providerConfig(id);
    return id === 'compatible' ? config.baseUrl !== null : config.apiKey !== null;
  });
  if (ready.length > 0) return { available: true, detail: `Uses ${ready.map((id) => providerLabels[id]).join(', ')}.` };
  return {
    available: false,
    detail:
      'Set an Anthropic or OpenAI API key, or the base URL of an OpenAI-compatible server (such as Ollama), in the provider settings ' +
      '(or ANTHROPIC_API_KEY, OPENAI_API_KEY, OPENAI_COMPATIBLE_BASE_URL).',
  };
}

function branchOf(context: AgentTurnContext): string | null {
  let branch: string | null = null;
  for (const event of context.history) {
    if (event.type === 'task.created') branch = event.task.branch;
    if (event.type === 'restored') branch = event.branch;
  }
  return branch;
}
