import { isObject, str, type Json } from '../json-values.js';
import { TurnMapper } from '../turn-mapper.js';

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
 * retries notices, and the `result` line a usage event carrying the CLI's own cost.
 */
export class ClaudeStreamMapper extends TurnMapper {
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
    if (event['type'] === 'message_start' && isObject(event['message'])) this.currentMessage = str(event['message']['id']) || null;
    if (event['type'] !== 'content_block_delta' || !isObject(event['delta'])) return;
    const delta = event['delta'];
    if (this.currentMessage) this.streamed.add(this.currentMessage);
    if (delta['type'] === 'text_delta') this.text.handlers.onText(str(delta['text']));
    else if (delta['type'] === 'thinking_delta') this.text.handlers.onReasoning(str(delta['thinking']));
  }

  private assistant(line: Json): void {
    const message = line['message'];
    if (!isObject(message) || !Array.isArray(message['content'])) return;
    const wasStreamed = this.streamed.has(str(message['id'])) && !line['parent_tool_use_id'];
    for (const block of message['content']) {
      if (!isObject(block)) continue;
      // Messages the CLI makes up itself (API errors) or that arrived whole were never streamed.
      if (block['type'] === 'text' && !wasStreamed && !line['parent_tool_use_id']) this.text.handlers.onText(`${str(block['text'])}\n`);
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

  private finish(line: Json): void {
    this.flush();
    const usage = isObject(line['usage']) ? line['usage'] : {};
    const count = (key: string) => (typeof usage[key] === 'number' ? usage[key] : 0);
    const models = isObject(line['modelUsage']) ? Object.keys(line['modelUsage']) : [];
    const model = models[0] ?? this.model ?? 'unknown';
    const cost = typeof line['total_cost_usd'] === 'number' ? line['total_cost_usd'] : 0;
    this.result = {
      subtype: str(line['subtype']),
      isError: line['is_error'] === true,
      text: str(line['result']) || (Array.isArray(line['errors']) ? line['errors'].map(String).join('; ') : ''),
      sessionId: str(line['session_id']) || this.sessionId,
    };
    // A run that never reached the model (a failed resume, a bad flag) has nothing to record.
    if (cost === 0 && count('input_tokens') === 0 && count('output_tokens') === 0) return;
    this.emitter.emit({
      type: 'usage',
      model: `anthropic:${model.replace(/\[[^\]]*\]$/, '')}`,
      inputTokens: count('input_tokens'),
      outputTokens: count('output_tokens'),
      cacheReadTokens: count('cache_read_input_tokens'),
      cacheWriteTokens: count('cache_creation_input_tokens'),
      reasoningTokens: 0,
      costUsd: cost,
    });
  }
}

/** A tool_result's content as plain text (it is a string or a list of text and image blocks). */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isObject(part) && part['type'] === 'text' ? str(part['text']) : isObject(part) ? `[${str(part['type'])}]` : '')).join('\n');
}
