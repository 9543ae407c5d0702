import { mintId } from './ids.js';
import { chunkText, type PlannedBlock, type PlannedUsage, type ReplyPlan } from './plan.js';
import { namedEvent, type SseEvent } from './sse.js';
import type { ReplyRequest, WireFormat } from './wire-format.js';

type Payload = { type: string } & Record<string, unknown>;
type Item = Record<string, unknown>;

function usageOf(usage: PlannedUsage) {
  const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: input + usage.outputTokens,
  };
}

function responseObject(id: string, request: ReplyRequest, createdAt: number) {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    error: null,
    incomplete_details: null,
    instructions: request.body['instructions'] ?? null,
    max_output_tokens: request.body['max_output_tokens'] ?? null,
    model: request.model,
    output: [] as Item[],
    parallel_tool_calls: true,
    previous_response_id: request.body['previous_response_id'] ?? null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: request.body['tools'] ?? [],
    top_p: 1,
    truncation: 'disabled',
    usage: null as ReturnType<typeof usageOf> | null,
    metadata: {},
  };
}

/** Names of the freeform (`type: "custom"`) tools a request declares, such as Codex's apply_patch. */
function customToolsOf(request: ReplyRequest): ReadonlySet<string> {
  const tools = Array.isArray(request.body['tools']) ? (request.body['tools'] as unknown[]) : [];
  const names = tools.flatMap((tool) => {
    const entry = tool as { type?: unknown; name?: unknown } | null;
    return entry?.type === 'custom' && typeof entry.name === 'string' ? [entry.name] : [];
  });
  return new Set(names);
}

/**
 * The tools a request declares inside namespaces (Codex puts an MCP server's tools in a `type: "namespace"` tool named
 * `mcp__<server>`), by the name a scenario calls them with: `<namespace>__<tool>`, as Claude Code names MCP tools.
 */
function namespacedToolsOf(request: ReplyRequest): ReadonlyMap<string, { namespace: string; name: string }> {
  const tools = Array.isArray(request.body['tools']) ? (request.body['tools'] as unknown[]) : [];
  const entries = tools.flatMap((tool) => {
    const entry = tool as { type?: unknown; name?: unknown; tools?: unknown } | null;
    if (entry?.type !== 'namespace' || typeof entry.name !== 'string' || !Array.isArray(entry.tools)) return [];
    const namespace = entry.name;
    return (entry.tools as { name?: unknown }[]).flatMap((inner) =>
      typeof inner.name === 'string' ? [[`${namespace}__${inner.name}`, { namespace, name: inner.name }] as const] : [],
    );
  });
  return new Map(entries);
}

/** A call to a freeform tool: its `input` argument (or the whole JSON) goes out as a custom_tool_call. */
function customCallEvents(
  block: Extract<PlannedBlock, { kind: 'toolCall' }>,
  outputIndex: number,
): { payloads: Payload[]; done: Item } {
  const parsed = JSON.parse(block.argumentsJson) as { input?: unknown };
  const input = typeof parsed.input === 'string' ? parsed.input : block.argumentsJson;
  const id = mintId('ctc_');
  const done = { id, type: 'custom_tool_call', status: 'completed', call_id: mintId('call_'), name: block.name, input };
  const where = { item_id: id, output_index: outputIndex };
  return {
    done,
    payloads: [
      {
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...done, status: 'in_progress', input: '' },
      },
      ...chunkText(input, 16).map((delta) => ({ type: 'response.custom_tool_call_input.delta', ...where, delta })),
      { type: 'response.custom_tool_call_input.done', ...where, input },
      { type: 'response.output_item.done', output_index: outputIndex, item: done },
    ],
  };
}

/** The events of one output item, and the finished item for the final response. */
function itemEvents(
  block: PlannedBlock,
  outputIndex: number,
  customTools: ReadonlySet<string>,
  namespaced: ReadonlyMap<string, { namespace: string; name: string }> = new Map(),
): { payloads: Payload[]; done: Item } {
  if (block.kind === 'toolCall' && customTools.has(block.name)) return customCallEvents(block, outputIndex);
  if (block.kind === 'text') {
    const id = mintId('msg_');
    const where = { item_id: id, output_index: outputIndex, content_index: 0 };
    const part = { type: 'output_text', text: block.text, annotations: [], logprobs: [] };
    const done = { id, type: 'message', status: 'completed', role: 'assistant', content: [part] };
    return {
      done,
      payloads: [
        {
          type: 'response.output_item.added',
          output_index: outputIndex,
          item: { ...done, status: 'in_progress', content: [] },
        },
        { type: 'response.content_part.added', ...where, part: { ...part, text: '' } },
        ...block.chunks.map((delta) => ({ type: 'response.output_text.delta', ...where, delta, logprobs: [] })),
        { type: 'response.output_text.done', ...where, text: block.text, logprobs: [] },
        { type: 'response.content_part.done', ...where, part },
        { type: 'response.output_item.done', output_index: outputIndex, item: done },
      ],
    };
  }
  const id = mintId('fc_');
  const inNamespace = namespaced.get(block.name);
  const done = {
    id,
    type: 'function_call',
    status: 'completed',
    arguments: block.argumentsJson,
    call_id: mintId('call_'),
    name: inNamespace?.name ?? block.name,
    ...(inNamespace ? { namespace: inNamespace.namespace } : {}),
  };
  const where = { item_id: id, output_index: outputIndex };
  return {
    done,
    payloads: [
      {
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...done, status: 'in_progress', arguments: '' },
      },
      ...block.chunks.map((delta) => ({ type: 'response.function_call_arguments.delta', ...where, delta })),
      { type: 'response.function_call_arguments.done', ...where, name: done.name, arguments: block.argumentsJson },
      { type: 'response.output_item.done', output_index: outputIndex, item: done },
    ],
  };
}

function finalResponse(plan: ReplyPlan, base: ReturnType<typeof responseObject>, output: Item[]) {
  const incomplete = plan.stop === 'maxTokens';
  return {
    ...base,
    status: incomplete ? 'incomplete' : 'completed',
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    output,
    usage: usageOf(plan.usage),
  };
}

const deltaTypes = new Set([
  'response.output_text.delta',
  'response.function_call_arguments.delta',
  'response.custom_tool_call_input.delta',
]);

/**
 * OpenAI Responses (`POST /v1/responses`): typed events, each with an increasing `sequence_number`. Calls to tools the
 * request declares as `custom` (freeform) go out as `custom_tool_call` items whose input is the call's `input` argument.
 */
export const responsesFormat: WireFormat = {
  api: 'responses',
  streamEvents(plan: ReplyPlan, request: ReplyRequest): SseEvent[] {
    const base = responseObject(mintId('resp_'), request, Math.floor(Date.now() / 1000));
    const customTools = customToolsOf(request);
    const namespaced = namespacedToolsOf(request);
    const items = plan.blocks.map((block, index) => itemEvents(block, index, customTools, namespaced));
    const finished = finalResponse(
      plan,
      base,
      items.map((item) => item.done),
    );
    const payloads: Payload[] = [
      { type: 'response.created', response: base },
      { type: 'response.in_progress', response: base },
      ...items.flatMap((item) => item.payloads),
      { type: plan.stop === 'maxTokens' ? 'response.incomplete' : 'response.completed', response: finished },
    ];
    return payloads.map((payload, sequence) =>
      namedEvent(payload.type, { ...payload, sequence_number: sequence }, deltaTypes.has(payload.type)),
    );
  },
  streamError(error, position) {
    return namedEvent('error', {
      type: 'error',
      code: error.code ?? error.type,
      message: error.message,
      param: null,
      sequence_number: position,
    });
  },
  body(plan, request) {
    const base = responseObject(mintId('resp_'), request, Math.floor(Date.now() / 1000));
    const customTools = customToolsOf(request);
    return finalResponse(
      plan,
      base,
      plan.blocks.map((block, index) => itemEvents(block, index, customTools, namespacedToolsOf(request)).done),
    );
  },
};
