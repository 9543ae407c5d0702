import type { ThreadEvent, ThreadEventInput } from '../../shared/events.js';
import type { ModelPrice, ProviderId } from '../../shared/repo.js';
import type { ApprovalMode } from '../../shared/task.js';
import type { McpLaunchServer } from '../mcp/launch-server.js';
import type { McpCheck } from '../../shared/mcp.js';
import type { Tool } from './tools/tool.js';

/** The thread events an agent may emit during a turn; the engine stamps and persists them. */
export type AgentEvent = Extract<
  ThreadEventInput,
  {
    type:
      | 'agent.text'
      | 'agent.reasoning'
      | 'tool.started'
      | 'tool.output'
      | 'tool.finished'
      | 'usage'
      | 'notice'
      | 'sandbox.detected'
      | 'context.compacted';
  }
>;

/** Everything an agent gets for one turn. */
export interface AgentTurnContext {
  taskId: string;
  /** The task's worktree; the agent must not touch anything outside it. */
  cwd: string;
  /** The user's message for this turn (the task prompt on turn 1, a follow-up later). */
  prompt: string;
  turn: number;
  model: string | null;
  /** The thread so far, so an agent can rebuild its conversation after a restart. */
  history: readonly ThreadEvent[];
  /** Aborted when the user stops the task or the engine shuts down. */
  signal: AbortSignal;
  /** Records an event in the thread and returns it as stamped (with its sequence number). */
  emit(event: AgentEvent): ThreadEvent;
  /** The task's settings that shape how the agent may act. */
  policy: { approvalMode: ApprovalMode; allowNetwork: boolean; maxModelCalls: number };
  /**
   * Asks the user to approve an action (in `ask` mode, each bash command). Resolves with their
   * decision; resolves 'deny' if the task is stopped while waiting.
   */
  requestApproval(request: ApprovalRequest): Promise<'approve' | 'deny'>;
  /** The task's agent-team tools (engine/teams), offered natively by the built-in agent; none outside a team. */
  teamTools?: readonly Tool[];
  /**
   * The MCP servers this turn's agent is given (engine/mcp): Flotilla's team server (origin 'team', for agents without
   * the native team tools) and the user's configured servers. Absent or empty when there are none.
   */
  mcpServers?: readonly McpLaunchServer[];
  /**
   * True when a message waits for this team task (a teammate's, say): the built-in agent then ends its turn after the
   * current tool calls, so the message runs next instead of after the whole turn. Absent outside a team.
   */
  messageWaiting?(): boolean;
}

/** What an approval request shows the user. */
export interface ApprovalRequest {
  tool: string;
  input: unknown;
  summary: string;
}

/** How an agent turn finished when it did not throw. */
export interface TurnOutcome {
  reason: 'completed' | 'maxTurns' | 'budget' | 'failed';
  message?: string;
}

/** Whether an agent can run on this machine, and what to do if not. */
export interface AgentAvailability {
  available: boolean;
  detail: string;
}

/**
 * A coding agent the engine can run inside a task's worktree. One instance serves every task;
 * per-task state lives in the thread history it is handed each turn.
 */
export interface Agent {
  id: string;
  name: string;
  detect(): Promise<AgentAvailability>;
  /**
   * How the agent gets the team tools when it leads or joins a team: natively (the built-in agent), over Flotilla's
   * MCP server (agents that take MCP servers), or not at all (absent: it cannot lead a team).
   */
  teamAccess?: 'native' | 'mcp';
  /** Runs one turn. Rejects or returns early when `signal` aborts; the engine records the stop. */
  runTurn(context: AgentTurnContext): Promise<TurnOutcome>;
  /** Lets go of what the agent kept for a task while it ran (MCP connections): its job has no more turns. */
  endTask?(taskId: string): Promise<void>;
  /** Lets go of everything it keeps (the engine stops). */
  close?(): Promise<void>;
}

/** What the engine offers agents beyond a turn's context: provider settings, prices, home. */
export interface AgentServices {
  home: string;
  providerConfig(id: ProviderId): { apiKey: string | null; baseUrl: string | null };
  prices(): Record<string, ModelPrice>;
  /** Tells the engine how starting a task's MCP server went, so the server's state shows it (Settings, mcp list). */
  mcpStarted?(taskId: string, server: string, check: McpCheck): void;
}
