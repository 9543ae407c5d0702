import { mintId } from './ids.js';
import type { PlannedBlock, PlannedStop, PlannedUsage, ReplyPlan } from './plan.js';
import { namedEvent, type SseEvent } from './sse.js';
import type { ReplyRequest, WireFormat } from './wire-format.js';

function stopReason(stop: PlannedStop): string {
  switch (stop) {
    case 'end':
      return 'end_turn';
    case 'toolUse':
      return 'tool_use';
    case 'maxTokens':
      return 'max_tokens';
  }
}

function usageOf(usage: PlannedUsage, outputTokens = usage.outputTokens) {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    output_tokens: outputTokens,
  };
}

function contentOf(block: PlannedBlock) {
  return block.kind === 'text'
    ? { type: 'text', text: block.text }
    : { type: 'tool_use', id: mintId('toolu_'), name: block.name, input: JSON.parse(block.argumentsJson) as unknown };
}

function blockEvents(block: PlannedBlock, index: number): SseEvent[] {
  const start =
    block.kind === 'text'
      ? { type: 'text', text: '' }
      : { type: 'tool_use', id: mintId('toolu_'), name: block.name, input: {} };
  const deltas = block.chunks.map((chunk) =>
    namedEvent(
      'content_block_delta',
      {
        type: 'content_block_delta',
        index,
        delta:
          block.kind === 'text'
            ? { type: 'text_delta', text: chunk }
            : { type: 'input_json_delta', partial_json: chunk },
      },
      true,
    ),
  );
  return [
    namedEvent('content_block_start', { type: 'content_block_start', index, content_block: start }),
    ...deltas,
    namedEvent('content_block_stop', { type: 'content_block_stop', index }),
  ];
}

/** Anthropic Messages (`POST /v1/messages`): message_start, ping, content blocks, message_delta, message_stop. */
export const anthropicFormat: WireFormat = {
  api: 'anthropic',
  streamEvents(plan: ReplyPlan, request: ReplyRequest): SseEvent[] {
    const message = {
      id: mintId('msg_'),
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: usageOf(plan.usage, 1),
    };
    return [
      namedEvent('message_start', { type: 'message_start', message }),
      namedEvent('ping', { type: 'ping' }),
      ...plan.blocks.flatMap((block, index) => blockEvents(block, index)),
      namedEvent('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason(plan.stop), stop_sequence: null },
        usage: usageOf(plan.usage),
      }),
      namedEvent('message_stop', { type: 'message_stop' }),
    ];
  },
  streamError(error) {
    return namedEvent('error', { type: 'error', error: { type: error.type, message: error.message } });
  },
  body(plan, request) {
    return {
      id: mintId('msg_'),
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: plan.blocks.map(contentOf),
      stop_reason: stopReason(plan.stop),
      stop_sequence: null,
      usage: usageOf(plan.usage),
    };
  },
};
