import type { ModelPrice } from '../../../../shared/repo.js';
import { costOf, priceOf } from '../../builtin/providers/pricing.js';
import { isObject, str, type Json } from '../json-values.js';
import { isAuthStatus } from '../key-rejected.js';
import { TurnMapper } from '../turn-mapper.js';
import type { TurnEmitter } from '../../builtin/turn-emitter.js';

/** Token counts of a model call, as Claude Code reports them. */
interface Counts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

const noCounts: Counts = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

function countsOf(usage: unknown): Counts {
  const value = (key: string) => (isObject(usage) && typeof usage[key] === 'number' ? usage[key] : 0);
  return {
    input: value('input_tokens'),
    output: value('output_tokens'),
    cacheRead: value('cache_read_input_tokens'),
    cacheWrite: value('cache_creation_input_tokens'),
  };
}

/**
 * The price table to estimate a call with: the model's own row, or else (a model newer than the
 * table) the first row of its family (opus, sonnet, haiku; the table lists newest first). The
 * estimate only lets budgets act mid-turn; the turn's cost is settled to the CLI's own figure.
 */
function estimatingPrices(model: string, prices: Record<string, ModelPrice>): Record<string, ModelPrice> {
  if (priceOf(model, prices)) return prices;
  const family = /opus|sonnet|haiku/.exec(model)?.[0];
  const row = family
    ? Object.entries(prices).find(([key]) => key.startsWith('anthropic:') && key.includes(family))?.[1]
    : undefined;
  return row ? { [model]: row } : prices;
}

/** The Claude Code model name as a price-table key (`[1m]`-style context suffixes dropped). */
function modelKey(model: string): string {
  return `anthropic:${model.replace(/\[[^\]]*\]$/, '')}`;
}

/** The end of a Claude Code run, from its `result` line. */
export interface ClaudeResult {
  subtype: string;
  isError: boolean;
  text: string;
  sessionId: string | null;
}

/**
 * Turns Claude Code's stream-json lines into thread events: partial text and thinking deltas become
 * agent.text / agent.reasoning, tool_use blocks tool.started, tool_result blocks tool.finished, API
 * retries notices. Each model call's usage is recorded as it arrives (priced from the price table,
 * so a budget can stop a long turn), and the `result` line settles the turn's totals to the CLI's
 * own cost.
 */
export class ClaudeStreamMapper extends TurnMapper {
  /** Usage already recorded per API message id (Claude Code repeats a message's usage on each of its content lines). */
  private readonly messageUsage = new Map<string, Counts>();
  private recorded: Counts & { cost: number } = { ...noCounts, cost: 0 };

  constructor(
    emitter: TurnEmitter,
    private readonly prices: () => Record<string, ModelPrice> = () => ({}),
    /** Called once, as soon as the model API has rejected the credentials (the run can be stopped then). */
    private readonly onAuthFailure: () => void = () => undefined,
  ) {
    super(emitter);
  }

  /** Set once the model API rejected Claude Code's key or login: the HTTP status when known. */
  authFailure: { status: number | null } | null = null;

  /** The session the CLI reported in its init line. */
  sessionId: string | null = null;
  model: string | null = null;
  result: ClaudeResult | null = null;
  /** Assistant messages whose text already arrived as partial deltas. */
  private readonly streamed = new Set<string>();
  private currentMessage: string | null = null;

  /** Handles one parsed stdout line (control requests are answered elsewhere). */
  handle(line: Json): void {
    switch (line['type']) {
      case 'system':
        return this.system(line);
      case 'stream_event':
        return this.partial(line);
      case 'assistant':
        return this.assistant(line);
      case 'user':
        return this.toolResults(line);
      case 'result':
        return this.finish(line);
      default:
        return;
    }
  }

  private system(line: Json): void {
    if (line['subtype'] === 'init') {
      this.sessionId = str(line['session_id']) || null;
      this.model = str(line['model']) || null;
      return;
    }
    if (line['subtype'] === 'api_retry') {
      // A rejected key stays rejected: Claude Code would retry it ten times over a minute.
      if (line['error'] === 'authentication_failed' || isAuthStatus(line['error_status']))
        return this.rejected(line['error_status']);
      if (this.authFailure) return;
      this.flush();
      const status = typeof line['error_status'] === 'number' ? ` ${line['error_status']}` : '';
      const delay = typeof line['retry_delay_ms'] === 'number' ? Math.round(line['retry_delay_ms'] / 100) / 10 : 0;
      const error = typeof line['error'] === 'string' ? line['error'] : 'error';
      this.emitter.emit({
        type: 'notice',
        level: 'warning',
        message: `Claude Code: the model API answered${status} (${error}); retrying in ${delay}s (attempt ${String(line['attempt'])} of ${String(line['max_retries'])}).`,
      });
    }
  }

  private partial(line: Json): void {
    if (line['parent_tool_use_id']) return;
    const event = line['event'];
    if (!isObject(event)) return;
    if (event['type'] === 'message_start' && isObject(event['message']))
      this.currentMessage = str(event['message']['id']) || null;
    if (event['type'] !== 'content_block_delta' || !isObject(event['delta'])) return;
    const delta = event['delta'];
    if (this.currentMessage) this.streamed.add(this.currentMessage);
    if (delta['type'] === 'text_delta') this.text.handlers.onText(str(delta['text']));
    else if (delta['type'] === 'thinking_delta') this.text.handlers.onReasoning(str(delta['thinking']));
  }

  private assistant(line: Json): void {
    const message = line['message'];
    if (!isObject(message) || !Array.isArray(message['content'])) return;
    if (line['error'] === 'authentication_failed') return this.rejected(null);
    this.recordCall(message);
    // An API error the CLI words as a message comes again as the result, which the turn fails with.
    if (typeof line['error'] === 'string' && message['model'] === '<synthetic>') return;
    const wasStreamed = this.streamed.has(str(message['id'])) && !line['parent_tool_use_id'];
    for (const block of message['content']) {
      if (!isObject(block)) continue;
      // Messages the CLI makes up itself (API errors) or that arrived whole were never streamed.
      if (block['type'] === 'text' && !wasStreamed && !line['parent_tool_use_id'])
        this.text.handlers.onText(`${str(block['text'])}\n`);
      if (block['type'] !== 'tool_use') continue;
      const callId = str(block['id']);
      if (callId) this.tools.start(callId, str(block['name']) || 'tool', block['input'] ?? {});
    }
  }

  private toolResults(line: Json): void {
    const message = line['message'];
    if (!isObject(message) || !Array.isArray(message['content'])) return;
    for (const block of message['content']) {
      if (!isObject(block) || block['type'] !== 'tool_result') continue;
      this.tools.finish(str(block['tool_use_id']), block['is_error'] !== true, resultText(block['content']));
    }
  }

  /** Records what one model call has used so far beyond what was already recorded for it. */
  private recordCall(message: Json): void {
    const id = str(message['id']);
    if (!id || !isObject(message['usage'])) return;
    const now = countsOf(message['usage']);
    const before = this.messageUsage.get(id) ?? noCounts;
    const delta: Counts = {
      input: Math.max(0, now.input - before.input),
      output: Math.max(0, now.output - before.output),
      cacheRead: Math.max(0, now.cacheRead - before.cacheRead),
      cacheWrite: Math.max(0, now.cacheWrite - before.cacheWrite),
    };
    this.messageUsage.set(id, {
      input: Math.max(now.input, before.input),
      output: Math.max(now.output, before.output),
      cacheRead: Math.max(now.cacheRead, before.cacheRead),
      cacheWrite: Math.max(now.cacheWrite, before.cacheWrite),
    });
    if (delta.input + delta.output + delta.cacheRead + delta.cacheWrite === 0) return;
    const model = modelKey(str(message['model']) || this.model || 'unknown');
    const usage = {
      inputTokens: delta.input,
      outputTokens: delta.output,
      cacheReadTokens: delta.cacheRead,
      cacheWriteTokens: delta.cacheWrite,
      reasoningTokens: 0,
    };
    const cost = costOf(model, usage, estimatingPrices(model, this.prices())).costUsd;
    this.emitUsage(model, delta, cost);
  }

  private emitUsage(model: string, counts: Counts, cost: number): void {
    this.recorded = {
      input: this.recorded.input + counts.input,
      output: this.recorded.output + counts.output,
      cacheRead: this.recorded.cacheRead + counts.cacheRead,
      cacheWrite: this.recorded.cacheWrite + counts.cacheWrite,
      cost: this.recorded.cost + cost,
    };
    this.emitter.emit({
      type: 'usage',
      model,
      inputTokens: counts.input,
      outputTokens: counts.output,
      cacheReadTokens: counts.cacheRead,
      cacheWriteTokens: counts.cacheWrite,
      reasoningTokens: 0,
      costUsd: cost,
    });
  }

  /** Records that the credentials were rejected (once) and lets the runner stop the CLI. */
  private rejected(status: unknown): void {
    if (this.authFailure) {
      if (this.authFailure.status === null && isAuthStatus(status)) this.authFailure.status = status;
      return;
    }
    this.flush();
    this.authFailure = { status: isAuthStatus(status) ? status : null };
    this.onAuthFailure();
  }

  private finish(line: Json): void {
    if (line['is_error'] === true && isAuthStatus(line['api_error_status'])) this.rejected(line['api_error_status']);
    this.flush();
    const total = countsOf(line['usage']);
    const models = isObject(line['modelUsage']) ? Object.keys(line['modelUsage']) : [];
    const model = models[0] ?? this.model ?? 'unknown';
    const cost = typeof line['total_cost_usd'] === 'number' ? line['total_cost_usd'] : 0;
    this.result = {
      subtype: str(line['subtype']),
      isError: line['is_error'] === true,
      text: str(line['result']) || (Array.isArray(line['errors']) ? line['errors'].map(String).join('; ') : ''),
      sessionId: str(line['session_id']) || this.sessionId,
    };
    // What the calls recorded so far did not cover: the CLI's cost is the one that counts, and its
    // totals may include calls (sub-agents, compaction) that printed no assistant line.
    const rest: Counts = {
      input: Math.max(0, total.input - this.recorded.input),
      output: Math.max(0, total.output - this.recorded.output),
      cacheRead: Math.max(0, total.cacheRead - this.recorded.cacheRead),
      cacheWrite: Math.max(0, total.cacheWrite - this.recorded.cacheWrite),
    };
    const costLeft = cost > 0 ? cost - this.recorded.cost : 0;
    // A run that never reached the model (a failed resume, a bad flag) has nothing to record.
    if (rest.input + rest.output + rest.cacheRead + rest.cacheWrite === 0 && Math.abs(costLeft) < 1e-9) return;
    this.emitUsage(modelKey(model), rest, costLeft);
  }
}

/** A tool_result's content as plain text (it is a string or a list of text and image blocks). */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) =>
      isObject(part) && part['type'] === 'text' ? str(part['text']) : isObject(part) ? `[${str(part['type'])}]` : '',
    )
    .join('\n');
}
