import { randomUUID } from 'node:crypto';
import type { OpenAI } from 'openai';
import { openaiClient } from './sdk-modules.js';
import type {
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelStreamHandlers,
  NormalizedUsage,
  ProviderConnection,
} from '../provider.js';
import { chatMessages, chatTools } from './chat-messages.js';
import { missingBaseUrlError, type CallContext } from './errors.js';
import { runStreamCall, type StreamFold } from './stream-call.js';
import { parseToolInput } from './transcript-view.js';

/** Sent when no key is configured: local servers (Ollama, LM Studio, vLLM) ignore it, but the SDK needs one. */
const placeholderKey = 'not-needed';

type Chunk = OpenAI.Chat.ChatCompletionChunk;
type Finish = Chunk['choices'][number]['finish_reason'];

function usageOf(usage: OpenAI.CompletionUsage | null): NormalizedUsage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    outputTokens: usage?.completion_tokens ?? 0,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

/**
 * Reasoning text as compatible servers stream it: `reasoning_content` (vLLM, DeepSeek) or `reasoning` (Ollama,
 * OpenRouter).
 */
function reasoningOf(delta: Chunk['choices'][number]['delta']): string {
  const extra = delta as { reasoning_content?: unknown; reasoning?: unknown };
  const text = extra.reasoning_content ?? extra.reasoning;
  return typeof text === 'string' ? text : '';
}

/** Assembles one Chat Completions stream: content deltas go to onText, tool calls are collected by their index. */
function chatFold(handlers: ModelStreamHandlers): StreamFold<Chunk, ModelResponse> {
  let text = '';
  const calls: Array<{ id: string; name: string; json: string }> = [];
  let finish: Finish = null;
  let usage: OpenAI.CompletionUsage | null = null;
  return {
    onEvent(chunk) {
      usage = chunk.usage ?? usage;
      const choice = chunk.choices[0];
      if (!choice) return;
      const delta = choice.delta;
      const reasoning = reasoningOf(delta);
      if (reasoning !== '') handlers.onReasoning(reasoning);
      if (delta.content) {
        text += delta.content;
        handlers.onText(delta.content);
      }
      for (const part of delta.tool_calls ?? []) {
        const call = (calls[part.index] ??= { id: '', name: '', json: '' });
        if (part.id) call.id = part.id;
        if (part.function?.name) call.name = part.function.name;
        if (part.function?.arguments) call.json += part.function.arguments;
      }
      finish = choice.finish_reason ?? finish;
    },
    finish() {
      if (finish === null) return null;
      const items: ModelResponse['items'] = text === '' ? [] : [{ kind: 'assistant', text }];
      for (const call of calls) {
        // Some servers omit tool call ids; the transcript needs one to pair the result with its call.
        if (call)
          items.push({
            kind: 'toolCall',
            id: call.id || `call_${randomUUID()}`,
            name: call.name,
            input: parseToolInput(call.json),
          });
      }
      const stopReason = items.some((item) => item.kind === 'toolCall')
        ? 'toolUse'
        : finish === 'length'
          ? 'maxTokens'
          : 'end';
      return { items, stopReason, usage: usageOf(usage) };
    },
  };
}

/**
 * The adapter for OpenAI-compatible Chat Completions servers (Ollama, vLLM, LM Studio, OpenRouter):
 * streams through the official SDK and asks for usage in the final chunk.
 */
export function createChatCompletionsProvider(connection: ProviderConnection): ModelProvider {
  const baseUrl = connection.baseUrl;
  let connecting: Promise<OpenAI> | null = null;
  const connect = (baseURL: string) =>
    (connecting ??= openaiClient({ apiKey: connection.apiKey || placeholderKey, baseURL }));
  return {
    id: 'compatible',
    async complete(request: ModelRequest, handlers: ModelStreamHandlers): Promise<ModelResponse> {
      if (!baseUrl) throw missingBaseUrlError();
      const client = await connect(baseUrl);
      const context: CallContext = { provider: 'compatible', baseUrl: client.baseURL, model: request.model };
      const params: OpenAI.Chat.ChatCompletionCreateParamsStreaming = {
        model: request.model,
        messages: chatMessages(request.system, request.transcript),
        ...(request.tools.length > 0 ? { tools: chatTools(request.tools) } : {}),
        max_tokens: request.maxOutputTokens,
        stream: true,
        stream_options: { include_usage: true },
      };
      return runStreamCall(
        context,
        request.signal,
        () => client.chat.completions.create(params, { signal: request.signal }),
        chatFold(handlers),
      );
    },
  };
}
