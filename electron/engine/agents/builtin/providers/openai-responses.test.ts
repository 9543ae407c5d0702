import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { glob, readFile, replyMaxTokens, replyText, replyToolCalls, withUsage, writeFile } from '../../../model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../../model-server/server.js';
import type { TranscriptItem } from '../transcript.js';
import { providerFor, recordedBody, recordingHandlers, testRequest } from './provider-test-kit.js';

let server: ModelServer;
beforeEach(async () => {
  server = await startModelServer();
});
afterEach(async () => {
  await server.close();
});

describe('OpenAI Responses adapter (real SDK against the scripted server)', () => {
  it('streams text deltas in order and returns the text as one assistant item', async () => {
    server.script(replyText('Hello from the scripted model, streamed in pieces.', { chunkSize: 5 }));
    const handlers = recordingHandlers();
    const response = await providerFor('openai', server).complete(testRequest(), handlers);
    expect(handlers.texts.length).toBeGreaterThan(5);
    expect(handlers.texts.join('')).toBe('Hello from the scripted model, streamed in pieces.');
    expect(response.items).toEqual([{ kind: 'assistant', text: 'Hello from the scripted model, streamed in pieces.' }]);
    expect(response.stopReason).toBe('end');
  });

  it('reassembles a function call whose arguments arrive in many tiny deltas', async () => {
    server.script(replyToolCalls([writeFile('notes/hello.txt', 'Hello "quoted" world\n')], { text: 'Writing the note.', chunkSize: 3 }));
    const response = await providerFor('openai', server).complete(testRequest(), recordingHandlers());
    expect(response.stopReason).toBe('toolUse');
    expect(response.items).toEqual([
      { kind: 'assistant', text: 'Writing the note.' },
      { kind: 'toolCall', id: expect.stringMatching(/^call_/), name: 'write_file', input: { path: 'notes/hello.txt', content: 'Hello "quoted" world\n' } },
    ]);
  });

  it('returns two function calls from one response in order, each with its own call id', async () => {
    server.script(replyToolCalls([readFile('README.md'), glob('**/*.md')]));
    const response = await providerFor('openai', server).complete(testRequest(), recordingHandlers());
    expect(response.items.map((item) => item.kind === 'toolCall' && [item.name, item.input])).toEqual([
      ['read_file', { path: 'README.md' }],
      ['glob', { pattern: '**/*.md' }],
    ]);
    const ids = response.items.map((item) => (item.kind === 'toolCall' ? item.id : ''));
    expect(new Set(ids).size).toBe(2);
  });

  it('sends instructions, function tools, store:false and the transcript as message, function_call and function_call_output items', async () => {
    server.script(replyText('Done.'));
    const transcript: TranscriptItem[] = [
      { kind: 'user', text: 'This came before the summary and must not be sent.' },
      { kind: 'summary', text: 'Handoff: the user wants README.md fixed.' },
      { kind: 'assistant', text: 'Reading two files.' },
      { kind: 'toolCall', id: 'call_1', name: 'read_file', input: { path: 'README.md' } },
      { kind: 'toolCall', id: 'call_2', name: 'read_file', input: { path: 'missing.md' } },
      { kind: 'toolResult', callId: 'call_1', ok: true, output: '# readme' },
      { kind: 'toolResult', callId: 'call_2', ok: false, output: 'missing.md does not exist' },
      { kind: 'user', text: 'Also check the docs.' },
    ];
    await providerFor('openai', server).complete(testRequest({ transcript, maxOutputTokens: 777 }), recordingHandlers());
    const body = recordedBody(server, 0);
    expect(body).toMatchObject({ model: 'test-model', instructions: 'You are a test agent.', max_output_tokens: 777, store: false, stream: true });
    expect(body['tools']).toEqual([
      { type: 'function', name: 'read_file', description: 'Reads a file.', parameters: expect.objectContaining({ type: 'object' }), strict: false },
      { type: 'function', name: 'write_file', description: 'Writes a file.', parameters: expect.objectContaining({ type: 'object' }), strict: false },
    ]);
    expect(body['input']).toEqual([
      { type: 'message', role: 'user', content: 'Handoff: the user wants README.md fixed.' },
      { type: 'message', role: 'assistant', content: 'Reading two files.' },
      { type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '{"path":"README.md"}' },
      { type: 'function_call', call_id: 'call_2', name: 'read_file', arguments: '{"path":"missing.md"}' },
      { type: 'function_call_output', call_id: 'call_1', output: '# readme' },
      { type: 'function_call_output', call_id: 'call_2', output: 'Error: missing.md does not exist' },
      { type: 'message', role: 'user', content: 'Also check the docs.' },
    ]);
  });

  it('normalizes usage: cached tokens are taken out of input, reasoning tokens reported', async () => {
    server.script(withUsage(replyText('Counted.'), { inputTokens: 120, cacheReadTokens: 3_000, outputTokens: 57, reasoningTokens: 20 }));
    const response = await providerFor('openai', server).complete(testRequest(), recordingHandlers());
    expect(response.usage).toEqual({ inputTokens: 120, outputTokens: 57, cacheReadTokens: 3_000, cacheWriteTokens: 0, reasoningTokens: 20 });
  });

  it('reports an incomplete max_output_tokens response as a maxTokens stop with the partial text', async () => {
    server.script(replyMaxTokens('This answer is cut off by the lim'));
    const response = await providerFor('openai', server).complete(testRequest(), recordingHandlers());
    expect(response.stopReason).toBe('maxTokens');
    expect(response.items).toEqual([{ kind: 'assistant', text: 'This answer is cut off by the lim' }]);
  });
});
