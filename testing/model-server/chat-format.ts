import { mintId } from './ids.js';
import type { PlannedStop, PlannedUsage, ReplyPlan } from './plan.js';
import { dataEvent, type SseEvent } from './sse.js';
import type { ReplyRequest, WireFormat } from './wire-format.js';

function finishReason(stop: PlannedStop): string {
  switch (stop) {
    case 'end':
      return 'stop';
    case 'toolUse':
      return 'tool_calls';
    case 'maxTokens':
      return 'length';
  }
}

function usageOf(usage: PlannedUsage) {
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.outputTokens,
    total_tokens: prompt + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function includeUsage(request: ReplyRequest): boolean {
  const options = request.body['stream_options'];
  return (
    typeof options === 'object' && options !== null && (options as Record<string, unknown>)['include_usage'] === true
  );
}

/** OpenAI Chat Completions (`POST /v1/chat/completions`): `data:` chunks, an optional usage chunk, then `[DONE]`. */
export const chatFormat: WireFormat = {
  api: 'chat',
  streamEvents(plan: ReplyPlan, request: ReplyRequest): SseEvent[] {
    const withUsage = includeUsage(request);
    const envelope = {
      id: mintId('chatcmpl-'),
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      system_fingerprint: 'fp_scripted',
    };
    const chunk = (delta: Record<string, unknown>, finish: string | null = null, isDelta = false) =>
      dataEvent(
        {
          ...envelope,
          choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
          ...(withUsage ? { usage: null } : {}),
        },
        isDelta,
      );
    const events: SseEvent[] = [chunk({ role: 'assistant', content: '', refusal: null })];
    let toolIndex = 0;
    for (const block of plan.blocks) {
      if (block.kind === 'text') {
        events.push(...block.chunks.map((content) => chunk({ content }, null, true)));
        continue;
      }
      const index = toolIndex++;
      events.push(
        chunk({
          tool_calls: [{ index, id: mintId('call_'), type: 'function', function: { name: block.name, arguments: '' } }],
        }),
      );
      events.push(
        ...block.chunks.map((piece) => chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null, true)),
      );
    }
    events.push(chunk({}, finishReason(plan.stop)));
    if (withUsage) events.push(dataEvent({ ...envelope, choices: [], usage: usageOf(plan.usage) }));
    events.push(dataEvent('[DONE]', false, true));
    return events;
  },
  streamError(error) {
    return dataEvent({ error: { message: error.message, type: error.type, param: null, code: error.code } });
  },
  body(plan, request) {
    const text = plan.blocks.flatMap((block) => (block.kind === 'text' ? [block.text] : [])).join('');
    const toolCalls = plan.blocks.flatMap((block) =>
      block.kind === 'toolCall'
        ? [{ id: mintId('call_'), type: 'function', function: { name: block.name, arguments: block.argumentsJson } }]
        : [],
    );
    const message = {
      role: 'assistant',
      content: text === '' ? null : text,
      refusal: null,
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    };
    return {
      id: mintId('chatcmpl-'),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      system_fingerprint: 'fp_scripted',
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(plan.stop) }],
      usage: usageOf(plan.usage),
    };
  },
};
