import type { SessionUpdate, ToolCallContent } from '@agentclientprotocol/sdk';
import { TurnMapper } from '../turn-mapper.js';

const planMarks: Record<string, string> = { completed: '[x]', in_progress: '[~]', pending: '[ ]' };

/** The text a tool call's content holds, with edits shown as the file they change. */
export function contentText(content: readonly ToolCallContent[] | null | undefined): string {
  return (content ?? [])
    .map((item) => {
      switch (item.type) {
        case 'content':
          return item.content.type === 'text' ? item.content.text : `[${item.content.type}]`;
        case 'diff':
          return `Edited ${item.path}`;
        case 'terminal':
          return `[terminal ${item.terminalId}]`;
      }
    })
    .join('\n');
}

/**
 * Turns ACP `session/update` notifications into thread events: message and thought chunks become
 * agent.text / agent.reasoning, tool_call and tool_call_update become tool.started / tool.output /
 * tool.finished, plans and agent notices become notices, and the session's cumulative cost is kept
 * for the turn's usage event.
 */
export class AcpUpdateMapper extends TurnMapper {
  /** The latest cumulative session cost in USD the agent reported, if any. */
  sessionCostUsd: number | null = null;
  /** Where the session's cost is recorded as it grows: the usage model name and the USD already recorded. */
  private costs: { model: string; recorded: number } | null = null;

  /**
   * Records the session's cost in the thread as each report raises it (so budgets can act mid-turn), from `recorded`
   * USD on.
   */
  trackCost(model: string, recorded: number): void {
    this.costs = { model, recorded };
  }
  /** The content text shown so far for each open tool call. */
  private readonly outputs = new Map<string, string>();

  private costReported(amount: number): void {
    this.sessionCostUsd = amount;
    if (!this.costs || amount <= this.costs.recorded) return;
    const costUsd = amount - this.costs.recorded;
    this.costs.recorded = amount;
    this.emitter.emit({
      type: 'usage',
      model: this.costs.model,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      costUsd,
    });
  }

  /** Handles one update. */
  handle(update: SessionUpdate): void {
    switch (update.sessionUpdate) {
      case 'agent_message_chunk':
        return this.text.handlers.onText(
          update.content.type === 'text' ? update.content.text : `[${update.content.type}]`,
        );
      case 'agent_thought_chunk':
        return this.text.handlers.onReasoning(update.content.type === 'text' ? update.content.text : '');
      case 'tool_call':
        this.tools.start(
          update.toolCallId,
          update.title || update.kind || 'tool',
          update.rawInput ?? { title: update.title, kind: update.kind ?? null, locations: update.locations ?? [] },
        );
        return this.progress(update.toolCallId, update.status ?? null, update.content, update.rawOutput);
      case 'tool_call_update':
        this.tools.start(
          update.toolCallId,
          update.title || update.kind || 'tool',
          update.rawInput ?? { title: update.title ?? null },
        );
        return this.progress(update.toolCallId, update.status ?? null, update.content, update.rawOutput);
      case 'plan': {
        const lines = update.entries.map((entry) => `${planMarks[entry.status] ?? '-'} ${entry.content}`);
        this.flush();
        return this.emitter.noticeOnce(`Plan:\n${lines.join('\n')}`);
      }
      case 'usage_update':
        if (update.cost && update.cost.currency.toUpperCase() === 'USD') this.costReported(update.cost.amount);
        return;
      case 'notice':
        this.flush();
        return this.emitter.notice(
          `${update.title}${update.description ? `: ${update.description}` : ''}`,
          update.severity === 'info' ? 'info' : 'warning',
        );
      default:
        return;
    }
  }

  /** Marks tool calls still open as failed (the turn was stopped or ended without finishing them). */
  override abandonTools(reason: string): void {
    super.abandonTools(reason);
    this.outputs.clear();
  }

  private progress(
    callId: string,
    status: string | null,
    content: readonly ToolCallContent[] | null | undefined,
    rawOutput: unknown,
  ): void {
    if (!this.tools.isOpen(callId)) return;
    const shown = this.outputs.get(callId) ?? '';
    const output = contentText(content);
    // ACP sends a tool call's whole content each time; the thread gets only what is new.
    if (content && output !== shown) {
      const delta = output.startsWith(shown) ? output.slice(shown.length) : output;
      if (delta) this.emitter.emit({ type: 'tool.output', callId, text: delta });
      this.outputs.set(callId, output);
    }
    if (status !== 'completed' && status !== 'failed') return;
    const lastOutput = this.outputs.get(callId) ?? '';
    this.outputs.delete(callId);
    const result =
      lastOutput ||
      (rawOutput === undefined || rawOutput === null
        ? ''
        : typeof rawOutput === 'string'
          ? rawOutput
          : JSON.stringify(rawOutput));
    this.tools.finish(callId, status === 'completed', result);
  }
}
