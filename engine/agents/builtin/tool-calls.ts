import type { AgentTurnContext } from '../agent.js';
import { runTool } from '../tools/registry.js';
import { failure, type Tool, type ToolContext, type ToolResult } from '../tools/tool.js';
import type { Entry } from './conversation.js';
import { cancelledResult } from './history.js';
import type { TranscriptItem } from './transcript.js';
import type { TurnEmitter } from './turn-emitter.js';

/** A tool call the model made. */
export type ToolCallItem = Extract<TranscriptItem, { kind: 'toolCall' }>;

/** The result the model gets for a bash command the user denied. */
export const deniedResult = 'The user denied this command.';
/** The result the model gets for another tool call the user denied (an MCP server's tool). */
export const deniedToolResult = 'The user denied this tool call. Do not retry it; ask the user or go on without it.';

/** What running a response's tool calls needs. */
export interface ToolCallSetup {
  context: Pick<AgentTurnContext, 'policy' | 'requestApproval' | 'signal'>;
  emitter: TurnEmitter;
  tools: readonly Tool[];
  /** The task's tool context; each call gets its own output stream. */
  toolContext: Omit<ToolContext, 'onOutput'>;
}

/**
 * Runs a response's tool calls in order, reporting each in the thread, and returns their result
 * entries. Every call gets a result: failures and denials are results, and when the task is stopped
 * the calls that did not run are reported as cancelled (then the abort is thrown).
 */
export async function runToolCalls(calls: readonly ToolCallItem[], setup: ToolCallSetup): Promise<Entry[]> {
  const results: Entry[] = [];
  for (const call of calls) {
    if (setup.context.signal.aborted) {
      setup.emitter.emit({ type: 'tool.started', callId: call.id, name: call.name, input: call.input });
      results.push(finish(setup.emitter, call, failure(cancelledResult), 0));
      continue;
    }
    setup.emitter.emit({ type: 'tool.started', callId: call.id, name: call.name, input: call.input });
    const started = Date.now();
    const result = await runOne(call, setup).catch((error: unknown) =>
      failure(`${call.name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`),
    );
    results.push(finish(setup.emitter, call, result, Date.now() - started));
  }
  setup.context.signal.throwIfAborted();
  return results;
}

async function runOne(call: ToolCallItem, setup: ToolCallSetup): Promise<ToolResult> {
  const command = bashCommandOf(call);
  const askFirst = setup.tools.find((tool) => tool.name === call.name)?.askFirst;
  const summary = command ?? askFirst?.(call.input) ?? null;
  if (summary !== null && setup.context.policy.approvalMode === 'ask') {
    const tool = command !== null ? 'bash' : call.name;
    const decision = await setup.context.requestApproval({ tool, input: call.input, summary });
    if (setup.context.signal.aborted) return failure(cancelledResult);
    if (decision === 'deny') return failure(command !== null ? deniedResult : deniedToolResult);
  }
  const toolContext: ToolContext = {
    ...setup.toolContext,
    onOutput: (text) => setup.emitter.emit({ type: 'tool.output', callId: call.id, text }),
  };
  return runTool(call.name, call.input, toolContext, setup.tools);
}

function finish(emitter: TurnEmitter, call: ToolCallItem, result: ToolResult, durationMs: number): Entry {
  const seq = emitter.emit({
    type: 'tool.finished',
    callId: call.id,
    ok: result.ok,
    result: result.output,
    durationMs,
  });
  return { item: { kind: 'toolResult', callId: call.id, ok: result.ok, output: result.output }, seq };
}

/** The command of a well-formed bash call (the ones that need approval); null for anything else. */
function bashCommandOf(call: ToolCallItem): string | null {
  if (call.name !== 'bash' || typeof call.input !== 'object' || call.input === null) return null;
  const command = (call.input as { command?: unknown }).command;
  return typeof command === 'string' && command.trim() !== '' ? command : null;
}
