import type { AgentTurnContext, TurnOutcome } from '../agent.js';
import { toolDefinitions } from '../tools/registry.js';
import type { Tool, ToolContext } from '../tools/tool.js';
import { compactIfNeeded } from './compaction.js';
import { itemsOf, type Conversation } from './conversation.js';
import { totalTokens } from '../../../shared/budget.js';
import { maxOutputTokensFor, type ModelAccess } from './model-access.js';
import { ProviderError, type ModelResponse } from './provider.js';
import { recordUsage } from './record-usage.js';
import { TextStream } from './text-stream.js';
import { runToolCalls, type ToolCallItem } from './tool-calls.js';
import type { TurnEmitter } from './turn-emitter.js';

/** The user message that asks the model to go on after its reply hit the output limit. */
export const continueNudge = 'Your reply was cut off by the output token limit. Continue exactly where you stopped.';

/** Everything one turn of the agent loop works with. */
export interface LoopSetup {
  context: Pick<AgentTurnContext, 'policy' | 'requestApproval' | 'signal' | 'messageWaiting'>;
  access: ModelAccess;
  emitter: TurnEmitter;
  system: string;
  tools: readonly Tool[];
  toolContext: Omit<ToolContext, 'onOutput'>;
  conversation: Conversation;
}

/**
 * Runs the agent loop for one turn: call the model, stream its text, run the tools it asks for and
 * feed the results back, until it answers without tool calls. Ends early at the turn's model-call
 * limit (the engine enforces the task's budgets), and with `failed` when the provider cannot be reached in a way
 * a retry fixes. Throws when the task is stopped, after giving every tool call a result.
 */
export async function runAgentLoop(setup: LoopSetup): Promise<TurnOutcome> {
  const { context, access, emitter, conversation } = setup;
  const { signal, policy } = context;
  const specs = toolDefinitions(setup.tools);
  const overheadChars = setup.system.length + JSON.stringify(specs).length;
  let calls = 0;
  let nudged = false;
  for (;;) {
    signal.throwIfAborted();
    if (calls >= policy.maxModelCalls)
      return { reason: 'maxTurns', message: `Stopped after ${calls} model calls; send a message to continue.` };
    await compactIfNeeded({ conversation, access, emitter, overheadChars, signal });
    calls += 1;
    const stream = new TextStream(emitter);
    let response: ModelResponse;
    try {
      response = await access.complete(
        {
          system: setup.system,
          transcript: itemsOf(conversation),
          tools: specs,
          maxOutputTokens: maxOutputTokensFor(access.contextWindow),
          signal,
        },
        stream.handlers,
      );
    } catch (error) {
      stream.flush();
      signal.throwIfAborted();
      if (error instanceof ProviderError) return { reason: 'failed', message: error.message };
      throw error;
    }
    stream.flush();
    const usageSeq = recordUsage(emitter, access, response.usage);
    conversation.entries.push(
      ...response.items.map((item) => ({
        item,
        seq: item.kind === 'assistant' ? (stream.lastTextSeq ?? usageSeq) : usageSeq,
      })),
    );
    conversation.anchor = { tokens: totalTokens(response.usage), count: conversation.entries.length };
    const toolCalls = response.items.filter((item): item is ToolCallItem => item.kind === 'toolCall');
    if (toolCalls.length === 0) {
      if (response.stopReason !== 'maxTokens') return { reason: 'completed' };
      if (nudged) {
        emitter.notice(
          'The reply was cut off by the output token limit again; send a message to let the agent continue.',
          'warning',
        );
        return { reason: 'completed' };
      }
      nudged = true;
      conversation.entries.push({ item: { kind: 'user', text: continueNudge }, seq: null });
      continue;
    }
    const results = await runToolCalls(toolCalls, {
      context,
      emitter,
      tools: setup.tools,
      toolContext: setup.toolContext,
    });
    conversation.entries.push(...results);
    // A teammate's message reaches the agent once its current tool calls end: the turn ends and the message runs next.
    if (context.messageWaiting?.()) return { reason: 'completed' };
  }
}
