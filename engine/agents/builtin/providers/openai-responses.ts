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
import { missingKeyError, streamEventError, type CallContext } from './errors.js';
import { responsesInput, responsesTools } from './responses-input.js';
import { runStreamCall, type StreamFold } from './stream-call.js';
import { parseToolInput } from './transcript-view.js';

type Output =
  { kind: 'text'; text: string } | { kind: 'toolCall'; callId: string; name: string; json: string } | { kind: 'other' };

function usageOf(usage: OpenAI.Responses.ResponseUsage | null | undefined): NormalizedUsage {
  // The API counts cached tokens inside input_tokens; normalized input excludes them.
  const cached = usage?.input_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: Math.max(0, (usage?.input_tokens ?? 0) - cached),
    outputTokens: usage?.output_tokens ?? 0,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    reasoningTokens: usage?.output_tokens_details?.reasoning_tokens ?? 0,
  };
}

function outputOf(item: OpenAI.Responses.ResponseOutputItem): Output {
  if (item.type === 'function_call')
    return { kind: 'toolCall', callId: item.call_id, name: item.name, json: item.arguments };
  if (item.type !== 'message') return { kind: 'other' };
  const text = item.content.map((part) => (part.type === 'output_text' ? part.text : part.refusal)).join('');
  return { kind: 'text', text };
}

/**
 * Assembles one Responses stream: text and reasoning deltas go to the handlers; finished items replace the assembled
 * ones.
 */
function responseFold(
  handlers: ModelStreamHandlers,
  context: CallContext,
): StreamFold<OpenAI.Responses.ResponseStreamEvent, ModelResponse> {
  const outputs: Output[] = [];
  let final: OpenAI.Responses.Response | null = null;
  return {
    onEvent(event) {
      switch (event.type) {
        case 'response.output_item.added':
          // Arguments arrive as deltas after this, so start them empty.
          outputs[event.output_index] =
            event.item.type === 'function_call'
              ? { kind: 'toolCall', callId: event.item.call_id, name: event.item.name, json: '' }
              : outputOf(event.item);
          return;
        case 'response.output_text.delta':
        case 'response.refusal.delta': {
          const output = outputs[event.output_index];
          if (output?.kind === 'text') output.text += event.delta;
          else outputs[event.output_index] = { kind: 'text', text: event.delta };
          return handlers.onText(event.delta);
        }
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta':
          return handlers.onReasoning(event.delta);
        case 'response.function_call_arguments.delta': {
          const output = outputs[event.output_index];
          if (output?.kind === 'toolCall') output.json += event.delta;
          return;
        }
        case 'response.function_call_arguments.done': {
          const output = outputs[event.output_index];
          if (output?.kind === 'toolCall') output.json = event.arguments;
          return;
        }
        case 'response.output_item.done':
          outputs[event.output_index] = outputOf(event.item);
          return;
        case 'response.completed':
        case 'response.incomplete':
          final = event.response;
          return;
        case 'response.failed':
          throw streamEventError(context, event.response.error?.code, event.response.error?.message);
        case 'error':
          throw streamEventError(context, event.code, event.message);
        default:
          return;
      }
    },
    finish() {
      if (final === null) return null;
      const items: ModelResponse['items'] = [];
      for (const output of outputs) {
        if (output?.kind === 'text' && output.text !== '') items.push({ kind: 'assistant', text: output.text });
        if (output?.kind === 'toolCall')
          items.push({ kind: 'toolCall', id: output.callId, name: output.name, input: parseToolInput(output.json) });
      }
      const cutOff = final.status === 'incomplete' && final.incomplete_details?.reason === 'max_output_tokens';
      const stopReason = items.some((item) => item.kind === 'toolCall') ? 'toolUse' : cutOff ? 'maxTokens' : 'end';
      return { items, stopReason, usage: usageOf(final.usage) };
    },
  };
}

/**
 * The OpenAI Responses adapter: streams through the official SDK with `store: false`, so the transcript is resent every
 * turn.
 */
export function createOpenAIResponsesProvider(connection: ProviderConnection): ModelProvider {
  const apiKey = connection.apiKey;
  let connecting: Promise<OpenAI> | null = null;
  const connect = (key: string) =>
    (connecting ??= openaiClient({ apiKey: key, baseURL: connection.baseUrl ?? undefined }));
  return {
    id: 'openai',
    async complete(request: ModelRequest, handlers: ModelStreamHandlers): Promise<ModelResponse> {
      if (!apiKey) throw missingKeyError('openai');
      const client = await connect(apiKey);
      const context: CallContext = { provider: 'openai', baseUrl: client.baseURL, model: request.model };
      const params: OpenAI.Responses.ResponseCreateParamsStreaming = {
        model: request.model,
        input: responsesInput(request.transcript),
        ...(request.system === '' ? {} : { instructions: request.system }),
        ...(request.tools.length > 0 ? { tools: responsesTools(request.tools) } : {}),
        max_output_tokens: request.maxOutputTokens,
        store: false,
        stream: true,
      };
      return runStreamCall(
        context,
        request.signal,
        () => client.responses.create(params, { signal: request.signal }),
        responseFold(handlers, context),
      );
    },
  };
}
