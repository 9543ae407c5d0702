import type { OpenAI } from 'openai';
import type { ToolSpec, TranscriptItem } from '../transcript.js';
import { toolResultText, visibleTranscript } from './transcript-view.js';

type Message = OpenAI.Chat.ChatCompletionMessageParam;
type AssistantMessage = OpenAI.Chat.ChatCompletionAssistantMessageParam;

/**
 * The system prompt and transcript as Chat Completions messages: an assistant's text and the tool calls
 * after it share one message, each tool result is a `tool` message, and back-to-back user texts merge
 * (some local chat templates insist that roles alternate).
 */
export function chatMessages(system: string, transcript: readonly TranscriptItem[]): Message[] {
  const messages: Message[] = system === '' ? [] : [{ role: 'system', content: system }];
  for (const item of visibleTranscript(transcript)) {
    const last = messages.at(-1);
    switch (item.kind) {
      case 'user':
      case 'summary':
        if (last?.role === 'user' && typeof last.content === 'string') last.content = `${last.content}\n\n${item.text}`;
        else messages.push({ role: 'user', content: item.text });
        break;
      case 'assistant':
        messages.push({ role: 'assistant', content: item.text });
        break;
      case 'toolCall': {
        const call = {
          id: item.id,
          type: 'function' as const,
          function: { name: item.name, arguments: JSON.stringify(item.input ?? {}) },
        };
        const open = last?.role === 'assistant' ? (last as AssistantMessage) : null;
        if (open) open.tool_calls = [...(open.tool_calls ?? []), call];
        else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
        break;
      }
      case 'toolResult':
        messages.push({ role: 'tool', tool_call_id: item.callId, content: toolResultText(item) });
        break;
    }
  }
  return messages;
}

/** Tool definitions as Chat Completions function tools. */
export function chatTools(tools: readonly ToolSpec[]): OpenAI.Chat.ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
  }));
}
