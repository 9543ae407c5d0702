import type { Anthropic } from '@anthropic-ai/sdk';
import type { ToolSpec, TranscriptItem } from '../transcript.js';
import { visibleTranscript } from './transcript-view.js';

type ContentBlockParam = Anthropic.ContentBlockParam;
type Role = 'user' | 'assistant';
type Turn = { role: Role; content: ContentBlockParam[] };

const ephemeral = { type: 'ephemeral' } as const;

function blockOf(item: TranscriptItem): { role: Role; block: ContentBlockParam } | null {
  switch (item.kind) {
    case 'user':
    case 'summary':
      // The API rejects empty text blocks.
      return item.text === '' ? null : { role: 'user', block: { type: 'text', text: item.text } };
    case 'assistant':
      return item.text === '' ? null : { role: 'assistant', block: { type: 'text', text: item.text } };
    case 'toolCall':
      return { role: 'assistant', block: { type: 'tool_use', id: item.id, name: item.name, input: item.input } };
    case 'toolResult':
      return {
        role: 'user',
        block: {
          type: 'tool_result',
          tool_use_id: item.callId,
          content: item.output === '' ? '(no output)' : item.output,
          is_error: !item.ok,
        },
      };
  }
}

/**
 * The transcript as Anthropic messages: consecutive items of one role merge into one message (so roles
 * alternate), tool results lead their user message as the API requires, and the last block carries a
 * cache breakpoint so the next call reads the whole conversation from the cache.
 */
export function anthropicMessages(transcript: readonly TranscriptItem[]): Anthropic.MessageParam[] {
  const turns: Turn[] = [];
  for (const item of visibleTranscript(transcript)) {
    const mapped = blockOf(item);
    if (mapped === null) continue;
    const last = turns.at(-1);
    if (last?.role === mapped.role) last.content.push(mapped.block);
    else turns.push({ role: mapped.role, content: [mapped.block] });
  }
  for (const turn of turns) {
    if (turn.role === 'user') turn.content.sort((a, b) => rank(a) - rank(b));
  }
  const lastBlock = turns.at(-1)?.content.at(-1);
  if (lastBlock && lastBlock.type !== 'thinking' && lastBlock.type !== 'redacted_thinking')
    lastBlock.cache_control = ephemeral;
  return turns;
}

function rank(block: ContentBlockParam): number {
  return block.type === 'tool_result' ? 0 : 1;
}

/** The system prompt as one cached text block (none when empty, which the API would reject). */
export function anthropicSystem(system: string): Anthropic.TextBlockParam[] | undefined {
  return system === '' ? undefined : [{ type: 'text', text: system, cache_control: ephemeral }];
}

/** Tool definitions; the last one carries a cache breakpoint so the tool list is cached with the system prompt. */
export function anthropicTools(tools: readonly ToolSpec[]): Anthropic.Tool[] {
  return tools.map((tool, index) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.inputSchema as Anthropic.Tool.InputSchema,
    ...(index === tools.length - 1 ? { cache_control: ephemeral } : {}),
  }));
}
