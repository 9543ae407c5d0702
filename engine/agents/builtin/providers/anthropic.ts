import type { Anthropic } from '@anthropic-ai/sdk';
import type {
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelStopReason,
  ModelStreamHandlers,
  NormalizedUsage,
  ProviderConnection,
} from '../provider.js';
import { anthropicMessages, anthropicSystem, anthropicTools } from './anthropic-messages.js';
import { missingKeyError, type CallContext } from './errors.js';
import { runStreamCall, type StreamFold } from './stream-call.js';
import { anthropicClient } from './sdk-modules.js';
import { parseToolInput } from './transcript-view.js';

type Block =
  { kind: 'text'; text: string } | { kind: 'toolCall'; id: string; name: string; json: string } | { kind: 'other' };

function stopReasonOf(reason: Anthropic.StopReason | null, hasToolCalls: boolean): ModelStopReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'maxTokens';
    case 'tool_use':
      return 'toolUse';
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
    case 'refusal':
    case null:
      return hasToolCalls ? 'toolUse' : 'end';
  }
}

/**
 * Assembles one Messages stream: text and thinking deltas go to the handlers, tool input JSON is collected per block.
 */
function messageFold(handlers: ModelStreamHandlers): StreamFold<Anthropic.RawMessageStreamEvent, ModelResponse> {
  const blocks: Block[] = [];
  const usage: NormalizedUsage = {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  };
  let stopReason: Anthropic.StopReason | null = null;
  let stopped = false;
  const takeUsage = (reported: Partial<Anthropic.MessageDeltaUsage>) => {
    // message_start carries the input counts; message_delta repeats them (or null) with the final output count.
    usage.inputTokens = reported.input_tokens ?? usage.inputTokens;
    usage.cacheReadTokens = reported.cache_read_input_tokens ?? usage.cacheReadTokens;
    usage.cacheWriteTokens = reported.cache_creation_input_tokens ?? usage.cacheWriteTokens;
    usage.outputTokens = reported.output_tokens ?? usage.outputTokens;
    usage.reasoningTokens = reported.output_tokens_details?.thinking_tokens ?? usage.reasoningTokens;
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case 'message_start':
          return takeUsage(event.message.usage);
        case 'content_block_start': {
          const block = event.content_block;
          blocks[event.index] =
            block.type === 'text'
              ? { kind: 'text', text: block.text }
              : block.type === 'tool_use'
                ? { kind: 'toolCall', id: block.id, name: block.name, json: '' }
                : { kind: 'other' };
          if (block.type === 'text' && block.text !== '') handlers.onText(block.text);
          return;
        }
        case 'content_block_delta': {
          const block = blocks[event.index];
          const delta = event.delta;
          if (delta.type === 'text_delta' && block?.kind === 'text') {
            block.text += delta.text;
            handlers.onText(delta.text);
          } else if (delta.type === 'input_json_delta' && block?.kind === 'toolCall') {
            block.json += delta.partial_json;
          } else if (delta.type === 'thinking_delta') {
            handlers.onReasoning(delta.thinking);
          }
          return;
        }
        case 'content_block_stop':
          return;
        case 'message_delta':
          stopReason = event.delta.stop_reason ?? stopReason;
          return takeUsage(event.usage);
        case 'message_stop':
          stopped = true;
          return;
      }
    },
    finish() {
      if (!stopped) return null;
      const items: ModelResponse['items'] = [];
      for (const block of blocks) {
        if (block?.kind === 'text' && block.text !== '') items.push({ kind: 'assistant', text: block.text });
        if (block?.kind === 'toolCall')
          items.push({ kind: 'toolCall', id: block.id, name: block.name, input: parseToolInput(block.json) });
      }
      return {
        items,
        stopReason: stopReasonOf(
          stopReason,
          items.some((item) => item.kind === 'toolCall'),
        ),
        usage,
      };
    },
  };
}

/**
 * The Anthropic Messages adapter: streams through the official SDK with prompt caching on the stable prefix and the
 * latest message.
 */
export function createAnthropicProvider(connection: ProviderConnection): ModelProvider {
  const apiKey = connection.apiKey;
  let connecting: Promise<Anthropic> | null = null;
  const connect = (key: string) =>
    (connecting ??= anthropicClient({ apiKey: key, baseURL: connection.baseUrl ?? undefined }));
  return {
    id: 'anthropic',
    async complete(request: ModelRequest, handlers: ModelStreamHandlers): Promise<ModelResponse> {
      if (!apiKey) throw missingKeyError('anthropic');
      const client = await connect(apiKey);
      const context: CallContext = { provider: 'anthropic', baseUrl: client.baseURL, model: request.model };
      const system = anthropicSystem(request.system);
      const params: Anthropic.MessageCreateParamsStreaming = {
        model: request.model,
        max_tokens: request.maxOutputTokens,
        messages: anthropicMessages(request.transcript),
        ...(system ? { system } : {}),
        ...(request.tools.length > 0 ? { tools: anthropicTools(request.tools) } : {}),
        stream: true,
      };
      return runStreamCall(
        context,
        request.signal,
        () => client.messages.create(params, { signal: request.signal }),
        messageFold(handlers),
      );
    },
  };
}
