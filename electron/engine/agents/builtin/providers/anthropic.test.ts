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

describe('Anthropic adapter (real SDK against the scripted server)', () => {
  it('streams text deltas in order and returns the text as one assistant item', async () => {
    server.script(replyText('Hello from the scripted model, streamed in pieces.', { chunkSize: 5 }));
    const handlers = recordingHandlers();
    const response = await providerFor('anthropic', server).complete(testRequest(), handlers);
    expect(handlers.texts.length).toBeGreaterThan(5);
    expect(handlers.texts.join('')).toBe('Hello from the scripted model, streamed in pieces.');
    expect(response.items).toEqual([{ kind: 'assistant', text: 'Hello from the scripted model, streamed in pieces.' }]);
    expect(response.stopReason).toBe('end');
  });

  it('reassembles a tool call whose JSON input arrives in many tiny deltas', async () => {
    server.script(replyToolCalls([writeFile('notes/hello.txt', 'Hello "quoted" world\n')], { text: 'Writing the note.', chunkSize: 3 }));
    const response = await providerFor('anthropic', server).complete(testRequest(), recordingHandlers());
    expect(response.stopReason).toBe('toolUse');
    expect(response.items).toEqual([
      { kind: 'assistant', text: 'Writing the note.' },
      { kind: 'toolCall', id: expect.stringMatching(/^toolu_/), name: 'write_file', input: { path: 'notes/hello.txt', content: 'Hello "quoted" world\n' } },
    ]);
  });

  it('returns two tool calls from one response in order, each with its own id', async () => {
    server.script(replyToolCalls([readFile('README.md'), glob('**/*.md')]));
    const response = await providerFor('anthropic', server).complete(testRequest(), recordingHandlers());
    expect(response.items.map((item) => item.kind === 'toolCall' && [item.name, item.input])).toEqual([
      ['read_file', { path: 'README.md' }],
      ['glob', { pattern: '**/*.md' }],
    ]);
    const ids = response.items.map((item) => (item.kind === 'toolCall' ? item.id : ''));
    expect(new Set(ids).size).toBe(2);
  });

  it('sends tool calls and results as alternating messages with cache breakpoints on the stable prefix and the last block', async () => {
    server.script(replyText('Done.'));
    const transcript: TranscriptItem[] = [
      { kind: 'user', text: 'This came before the summary and must not be sent.' },
      { kind: 'summary', text: 'Handoff: the user wants README.md fixed.' },
      { kind: 'assistant', text: 'Reading two files.' },
      { kind: 'toolCall', id: 'toolu_1', name: 'read_file', input: { path: 'README.md' } },
      { kind: 'toolCall', id: 'toolu_2', name: 'read_file', input: { path: 'missing.md' } },
      { kind: 'toolResult', callId: 'toolu_1', ok: true, output: '# readme' },
      { kind: 'toolResult', callId: 'toolu_2', ok: false, output: 'missing.md does not exist' },
      { kind: 'user', text: 'Also check the docs.' },
    ];
    await providerFor('anthropic', server).complete(testRequest({ transcript, maxOutputTokens: 777 }), recordingHandlers());
    const body = recordedBody(server, 0);
    expect(body).toMatchObject({ model: 'test-model', max_tokens: 777, stream: true });
    expect(body['system']).toEqual([{ type: 'text', text: 'You are a test agent.', cache_control: { type: 'ephemeral' } }]);
    const tools = body['tools'] as Array<Record<string, unknown>>;
    expect(tools.map((tool) => tool['name'])).toEqual(['read_file', 'write_file']);
    expect(tools[0]).not.toHaveProperty('cache_control');
    expect(tools[1]).toMatchObject({ input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } });
    expect(body['messages']).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Handoff: the user wants README.md fixed.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Reading two files.' },
          { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'README.md' } },
          { type: 'tool_use', id: 'toolu_2', name: 'read_file', input: { path: 'missing.md' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '# readme', is_error: false },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: 'missing.md does not exist', is_error: true },
          { type: 'text', text: 'Also check the docs.', cache_control: { type: 'ephemeral' } },
        ],
      },
    ]);
  });

  it('normalizes usage: input, cache reads and cache writes apart, output as reported', async () => {
    server.script(withUsage(replyText('Counted.'), { inputTokens: 120, cacheReadTokens: 3_000, cacheWriteTokens: 400, outputTokens: 57 }));
    const response = await providerFor('anthropic', server).complete(testRequest(), recordingHandlers());
    expect(response.usage).toEqual({ inputTokens: 120, outputTokens: 57, cacheReadTokens: 3_000, cacheWriteTokens: 400, reasoningTokens: 0 });
  });

  it('reports a max_tokens stop with the partial text', async () => {
    server.script(replyMaxTokens('This answer is cut off by the lim'));
    const response = await providerFor('anthropic', server).complete(testRequest(), recordingHandlers());
    expect(response.stopReason).toBe('maxTokens');
    expect(response.items).toEqual([{ kind: 'assistant', text: 'This answer is cut off by the lim' }]);
  });
});
