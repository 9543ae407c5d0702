/** One parsed server-sent event. */
export interface SseMessage {
  event: string | null;
  data: string;
}

/** Every event read from a stream, and the error that ended it early (null when it ended cleanly). */
export interface SseRead {
  messages: SseMessage[];
  error: Error | null;
}

/** POSTs JSON with plain fetch, as the SDKs would. */
export function postJson(
  url: string,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

function parseBlock(block: string): SseMessage | null {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    if (field === 'data') data.push(value);
  }
  return data.length === 0 && event === null ? null : { event, data: data.join('\n') };
}

/** Parses an SSE body event by event (the SSE spec's framing: `field: value` lines, blank line between events). */
export async function* iterateSse(response: Response): AsyncGenerator<SseMessage> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of response.body) {
    buffer += decoder.decode(bytes, { stream: true }).replace(/\r\n?/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const message = parseBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (message) yield message;
    }
  }
}

/** Reads a whole SSE body, keeping the events that arrived before any network error. */
export async function readSse(response: Response): Promise<SseRead> {
  const messages: SseMessage[] = [];
  try {
    for await (const message of iterateSse(response)) messages.push(message);
    return { messages, error: null };
  } catch (error) {
    return { messages, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** A streamed reply put back together: the text, each tool call's id, name and argument JSON, the stop and usage. */
export interface AssembledReply {
  text: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  stop: string | null;
  usage: Record<string, unknown> | null;
  /** The message / response / completion id. */
  id: string | null;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test-side parsing of loose wire JSON

function emptyReply(): AssembledReply {
  return { text: '', toolCalls: [], stop: null, usage: null, id: null };
}

/** Reassembles an Anthropic Messages stream. */
export function assembleAnthropic(messages: readonly SseMessage[]): AssembledReply {
  const reply = emptyReply();
  const calls = new Map<number, AssembledReply['toolCalls'][number]>();
  for (const message of messages) {
    const data = JSON.parse(message.data) as Json;
    if (data.type === 'message_start') reply.id = data.message.id;
    if (data.type === 'content_block_start' && data.content_block.type === 'tool_use') {
      calls.set(data.index, { id: data.content_block.id, name: data.content_block.name, arguments: '' });
    }
    if (data.type === 'content_block_delta' && data.delta.type === 'text_delta') reply.text += data.delta.text;
    if (data.type === 'content_block_delta' && data.delta.type === 'input_json_delta')
      calls.get(data.index)!.arguments += data.delta.partial_json;
    if (data.type === 'message_delta') {
      reply.stop = data.delta.stop_reason;
      reply.usage = data.usage;
    }
  }
  reply.toolCalls = [...calls.values()];
  return reply;
}

/** Reassembles an OpenAI Responses stream. */
export function assembleResponses(messages: readonly SseMessage[]): AssembledReply {
  const reply = emptyReply();
  const calls = new Map<string, AssembledReply['toolCalls'][number]>();
  for (const message of messages) {
    const data = JSON.parse(message.data) as Json;
    if (data.type === 'response.created') reply.id = data.response.id;
    if (data.type === 'response.output_item.added' && data.item.type === 'function_call') {
      calls.set(data.item.id, { id: data.item.call_id, name: data.item.name, arguments: '' });
    }
    if (data.type === 'response.output_text.delta') reply.text += data.delta;
    if (data.type === 'response.function_call_arguments.delta') calls.get(data.item_id)!.arguments += data.delta;
    if (data.type === 'response.completed' || data.type === 'response.incomplete') {
      reply.stop = data.response.incomplete_details?.reason ?? data.response.status;
      reply.usage = data.response.usage;
    }
  }
  reply.toolCalls = [...calls.values()];
  return reply;
}

/** Reassembles a Chat Completions stream (stops at `[DONE]`). */
export function assembleChat(messages: readonly SseMessage[]): AssembledReply {
  const reply = emptyReply();
  const calls = new Map<number, AssembledReply['toolCalls'][number]>();
  for (const message of messages) {
    if (message.data === '[DONE]') break;
    const data = JSON.parse(message.data) as Json;
    reply.id = data.id ?? reply.id;
    if (data.usage) reply.usage = data.usage;
    const choice = data.choices?.[0];
    if (!choice) continue;
    if (typeof choice.delta.content === 'string') reply.text += choice.delta.content;
    for (const call of choice.delta.tool_calls ?? []) {
      const known = calls.get(call.index) ?? { id: call.id, name: call.function.name, arguments: '' };
      known.arguments += call.function.arguments ?? '';
      calls.set(call.index, known);
    }
    if (choice.finish_reason) reply.stop = choice.finish_reason;
  }
  reply.toolCalls = [...calls.values()];
  return reply;
}

/** A minimal valid request body for each API, carrying `prompt` as the user message. */
export const requestBodies = {
  anthropic: (prompt: string, stream = true) => ({
    model: 'claude-test',
    max_tokens: 1024,
    stream,
    messages: [{ role: 'user', content: prompt }],
  }),
  responses: (prompt: string, stream = true) => ({
    model: 'gpt-test',
    stream,
    input: [{ role: 'user', content: prompt }],
  }),
  chat: (prompt: string, stream = true, includeUsage = true) => ({
    model: 'gpt-test',
    stream,
    ...(stream && includeUsage ? { stream_options: { include_usage: true } } : {}),
    messages: [{ role: 'user', content: prompt }],
  }),
};
