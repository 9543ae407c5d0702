import type { OpenAI } from 'openai';
import type { ToolSpec, TranscriptItem } from '../transcript.js';
import { toolResultText, visibleTranscript } from './transcript-view.js';

/**
 * The transcript as Responses input items; tool calls are referenced by their call_id (nothing is stored server-side).
 */
export function responsesInput(transcript: readonly TranscriptItem[]): OpenAI.Responses.ResponseInputItem[] {
  return visibleTranscript(transcript).map((item): OpenAI.Responses.ResponseInputItem => {
    switch (item.kind) {
      case 'user':
      case 'summary':
        return { type: 'message', role: 'user', content: item.text };
      case 'assistant':
        return { type: 'message', role: 'assistant', content: item.text };
      case 'toolCall':
        return {
          type: 'function_call',
          call_id: item.id,
          name: item.name,
          arguments: JSON.stringify(item.input ?? {}),
        };
      case 'toolResult':
        return { type: 'function_call_output', call_id: item.callId, output: toolResultText(item) };
    }
  });
}

/** Tool definitions as Responses function tools (non-strict, so ordinary JSON Schemas are accepted). */
export function responsesTools(tools: readonly ToolSpec[]): OpenAI.Responses.FunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    parameters: tool.inputSchema,
    strict: false,
  }));
}
