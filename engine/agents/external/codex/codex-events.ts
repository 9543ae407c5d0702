import { relative } from 'node:path';
import type { ModelPrice } from '../../../../shared/repo.js';
import type { TurnEmitter } from '../../builtin/turn-emitter.js';
import { isObject, num, str, type Json } from '../json-values.js';
import { authStatusIn, authStatusInText } from '../key-rejected.js';
import { TurnMapper } from '../turn-mapper.js';

/** How a Codex turn ended, from `turn/completed`. */
export interface CodexTurnEnd {
  status: string;
  error: string | null;
}

/** A file change Codex announced, kept so its approval request can say which files. */
export interface CodexFileChange {
  path: string;
  kind: string;
  diff: string;
}

/**
 * Turns `codex app-server` notifications for one turn into thread events: agent message and
 * reasoning deltas become text, command executions and file changes (apply_patch) become tool
 * events with streamed output, token usage becomes usage priced from Flotilla's price table, and
 * errors and warnings become notices. Notifications of other turns are ignored.
 */
export class CodexEventMapper extends TurnMapper {
  turnId: string | null = null;
  model = 'unknown';
  end: CodexTurnEnd | null = null;
  /**
   * Set once the model API rejected Codex's key or login (the turn cannot succeed; Codex would retry it five times).
   */
  authFailure: { status: number } | null = null;
  /** File changes by item id, for approval summaries. */
  readonly fileChanges = new Map<string, CodexFileChange[]>();
  private readonly streamed = new Set<string>();
  private lastError: string | null = null;

  constructor(
    emitter: TurnEmitter,
    private readonly cwd: string,
    private readonly prices: () => Record<string, ModelPrice>,
  ) {
    super(emitter);
  }

  /** Notifications of some turn that arrived before Codex told us which turn is ours. */
  private readonly early: Array<[string, Json]> = [];

  /** Sets the turn this mapper follows, and handles what arrived for it already. */
  follow(turnId: string): void {
    this.turnId = turnId;
    for (const [method, params] of this.early.splice(0)) this.handle(method, params);
  }

  /** Handles one notification. */
  handle(method: string, params: unknown): void {
    if (!isObject(params)) return;
    const turnId =
      typeof params['turnId'] === 'string'
        ? params['turnId']
        : isObject(params['turn'])
          ? str(params['turn']['id']) || null
          : null;
    if (turnId !== null) {
      if (this.turnId === null) return void this.early.push([method, params]);
      if (turnId !== this.turnId) return;
    }
    switch (method) {
      case 'item/agentMessage/delta':
        this.streamed.add(str(params['itemId']));
        return this.text.handlers.onText(str(params['delta']));
      case 'item/reasoning/summaryTextDelta':
      case 'item/reasoning/textDelta':
        return this.text.handlers.onReasoning(str(params['delta']));
      case 'item/started':
        return this.itemStarted(params['item']);
      case 'item/completed':
        return this.itemCompleted(params['item']);
      case 'item/commandExecution/outputDelta':
      case 'item/fileChange/outputDelta':
        return this.output(str(params['itemId']), str(params['delta']));
      case 'thread/tokenUsage/updated':
        return this.usage(params['tokenUsage']);
      case 'error':
        return this.error(params);
      case 'warning':
      case 'configWarning':
      case 'deprecationNotice':
        return this.warning(params);
      case 'turn/completed':
        return this.completed(params['turn']);
      default:
        return;
    }
  }

  private start(callId: string, name: string, input: unknown): void {
    if (callId) this.tools.start(callId, name, input);
  }

  private output(callId: string, delta: string): void {
    if (!delta || !this.tools.isOpen(callId)) return;
    this.emitter.emit({ type: 'tool.output', callId, text: delta });
  }

  private itemStarted(item: unknown): void {
    if (!isObject(item)) return;
    const id = str(item['id']);
    switch (item['type']) {
      case 'commandExecution':
        return this.start(id, 'shell', { command: str(item['command']), cwd: str(item['cwd']) });
      case 'fileChange': {
        const changes = this.changesOf(item);
        this.fileChanges.set(id, changes);
        return this.start(id, 'apply_patch', { changes });
      }
      case 'mcpToolCall':
        return this.start(id, `${str(item['server'])}.${str(item['tool'])}`, item['arguments'] ?? {});
      case 'dynamicToolCall':
        return this.start(id, str(item['tool']) || 'tool', item['arguments'] ?? {});
      case 'webSearch':
        return this.start(id, 'web_search', { query: item['query'] ?? null });
      default:
        return;
    }
  }

  private itemCompleted(item: unknown): void {
    if (!isObject(item)) return;
    const id = str(item['id']);
    const status = str(item['status']);
    switch (item['type']) {
      case 'agentMessage':
        // A message that arrived whole (no deltas) still belongs in the thread.
        if (!this.streamed.has(id) && str(item['text'])) this.text.handlers.onText(`${str(item['text'])}\n`);
        return;
      case 'commandExecution': {
        const exitCode = typeof item['exitCode'] === 'number' ? item['exitCode'] : null;
        const output = str(item['aggregatedOutput']);
        const ok = status === 'completed' && (exitCode === null || exitCode === 0);
        const note =
          status === 'declined' ? 'Declined.' : exitCode !== null && exitCode !== 0 ? `\n(exit code ${exitCode})` : '';
        return this.tools.finish(id, ok, `${output}${note}`.trim());
      }
      case 'fileChange': {
        const changes = this.changesOf(item);
        const summary = changes.map((change) => `${change.kind} ${change.path}`).join('\n');
        return this.tools.finish(
          id,
          status === 'completed',
          status === 'completed' ? summary : `${status}: ${summary}`,
        );
      }
      case 'mcpToolCall': {
        const error = isObject(item['error']) ? str(item['error']['message']) : '';
        return this.tools.finish(id, !error && status !== 'failed', error || JSON.stringify(item['result'] ?? null));
      }
      case 'dynamicToolCall':
        return this.tools.finish(
          id,
          item['success'] !== false && status !== 'failed',
          JSON.stringify(item['contentItems'] ?? null),
        );
      case 'webSearch':
        return this.tools.finish(id, true, '');
      default:
        return;
    }
  }

  private changesOf(item: Json): CodexFileChange[] {
    const changes = Array.isArray(item['changes']) ? item['changes'] : [];
    return changes.filter(isObject).map((change) => {
      const path = str(change['path']);
      const kind = isObject(change['kind']) ? str(change['kind']['type']) : 'update';
      return { path: path.startsWith('/') ? relative(this.cwd, path) || path : path, kind, diff: str(change['diff']) };
    });
  }

  private usage(tokenUsage: unknown): void {
    if (!isObject(tokenUsage) || !isObject(tokenUsage['last'])) return;
    const last = tokenUsage['last'];
    const cached = num(last['cachedInputTokens']);
    const input = Math.max(0, num(last['inputTokens']) - cached);
    const output = num(last['outputTokens']);
    const modelKey = `openai:${this.model}`;
    const price = this.prices()[modelKey];
    if (!price)
      this.emitter.noticeOnce(
        `No price is known for ${modelKey}, so Codex's cost is counted as $0. Add its price in the pricing settings to track it.`,
      );
    const cost = price
      ? (input * price.input +
          cached * price.cacheRead +
          num(last['cacheWriteInputTokens']) * price.cacheWrite +
          output * price.output) /
        1_000_000
      : 0;
    this.emitter.emit({
      type: 'usage',
      model: modelKey,
      inputTokens: input,
      outputTokens: output,
      cacheReadTokens: cached,
      cacheWriteTokens: num(last['cacheWriteInputTokens']),
      reasoningTokens: num(last['reasoningOutputTokens']),
      costUsd: cost,
    });
  }

  private error(params: Json): void {
    const details = isObject(params['error']) ? params['error'] : {};
    const error = str(details['message']);
    if (!error || this.authFailure) return;
    this.flush();
    const status =
      details['codexErrorInfo'] === 'unauthorized'
        ? 401
        : (authStatusIn(details['codexErrorInfo']) ??
          authStatusInText(`${error}\n${str(details['additionalDetails'])}`));
    if (status !== null) {
      this.authFailure = { status };
      return;
    }
    if (params['willRetry'] === true) {
      this.emitter.emit({ type: 'notice', level: 'warning', message: `Codex: ${error} (retrying)` });
      return;
    }
    this.lastError = error;
  }

  private warning(params: Json): void {
    const message = str(params['message']) || str(params['summary']);
    if (message) this.emitter.noticeOnce(`Codex: ${message}`, 'warning');
  }

  private completed(turn: unknown): void {
    if (!isObject(turn) || this.authFailure) return;
    this.flush();
    const error = isObject(turn['error']) ? str(turn['error']['message']) : '';
    this.end = { status: str(turn['status']), error: error || this.lastError };
  }
}
