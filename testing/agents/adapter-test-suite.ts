import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ProviderId } from '../../shared/repo.js';
import {
  glob,
  readFile,
  replyMaxTokens,
  replyText,
  replyToolCalls,
  writeFile,
} from '../model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../model-server/server.js';
import type { TranscriptItem } from '../../engine/agents/builtin/transcript.js';
import { providerFor, recordingHandlers, testRequest } from './provider-test-kit.js';

/** Starts a scripted model server before each test and closes it after; call the result for the current one. */
export function scriptedServerPerTest(): () => ModelServer {
  let server: ModelServer | null = null;
  beforeEach(async () => {
    server = await startModelServer();
  });
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  return () => {
    if (!server) throw new Error('The scripted model server only runs inside a test.');
    return server;
  };
}

/**
 * A history to send: a turn before a summary (which must be dropped), the summary, an assistant
 * reply with two tool calls (ids `<prefix>_1`, `<prefix>_2`), one succeeding and one failing, and a
 * new user message.
 */
export function toolCallHistory(idPrefix: string): TranscriptItem[] {
  const first = `${idPrefix}_1`;
  const second = `${idPrefix}_2`;
  return [
    { kind: 'user', text: 'This came before the summary and must not be sent.' },
    { kind: 'summary', text: 'Handoff: the user wants README.md fixed.' },
    { kind: 'assistant', text: 'Reading two files.' },
    { kind: 'toolCall', id: first, name: 'read_file', input: { path: 'README.md' } },
    { kind: 'toolCall', id: second, name: 'read_file', input: { path: 'missing.md' } },
    { kind: 'toolResult', callId: first, ok: true, output: '# readme' },
    { kind: 'toolResult', callId: second, ok: false, output: 'missing.md does not exist' },
    { kind: 'user', text: 'Also check the docs.' },
  ];
}

/** What the shared adapter tests need to know about one provider. */
export interface AdapterTraits {
  provider: ProviderId;
  /** How the provider's own tool call ids look. */
  callIdPattern: RegExp;
  /** How the provider says the output limit was hit, for the test name. */
  maxTokensStop: string;
}

/**
 * The tests every adapter must pass the same way: streamed text, a tool call reassembled from tiny
 * deltas, two tool calls with their own ids, and a max-tokens stop with the partial text. Call it
 * inside the adapter's `describe`.
 */
export function sharedAdapterTests(server: () => ModelServer, traits: AdapterTraits): void {
  const provider = () => providerFor(traits.provider, server());

  it('streams text deltas in order and returns the text as one assistant item', async () => {
    server().script(replyText('Hello from the scripted model, streamed in pieces.', { chunkSize: 5 }));
    const handlers = recordingHandlers();
    const response = await provider().complete(testRequest(), handlers);
    expect(handlers.texts.length).toBeGreaterThan(5);
    expect(handlers.texts.join('')).toBe('Hello from the scripted model, streamed in pieces.');
    expect(response.items).toEqual([{ kind: 'assistant', text: 'Hello from the scripted model, streamed in pieces.' }]);
    expect(response.stopReason).toBe('end');
  });

  it('reassembles a tool call whose arguments arrive in many tiny deltas', async () => {
    server().script(
      replyToolCalls([writeFile('notes/hello.txt', 'Hello "quoted" world\n')], {
        text: 'Writing the note.',
        chunkSize: 3,
      }),
    );
    const response = await provider().complete(testRequest(), recordingHandlers());
    expect(response.stopReason).toBe('toolUse');
    expect(response.items).toEqual([
      { kind: 'assistant', text: 'Writing the note.' },
      {
        kind: 'toolCall',
        id: expect.stringMatching(traits.callIdPattern),
        name: 'write_file',
        input: { path: 'notes/hello.txt', content: 'Hello "quoted" world\n' },
      },
    ]);
  });

  it('returns two tool calls from one response in order, each with its own id', async () => {
    server().script(replyToolCalls([readFile('README.md'), glob('**/*.md')]));
    const response = await provider().complete(testRequest(), recordingHandlers());
    expect(response.items.map((item) => item.kind === 'toolCall' && [item.name, item.input])).toEqual([
      ['read_file', { path: 'README.md' }],
      ['glob', { pattern: '**/*.md' }],
    ]);
    const ids = response.items.map((item) => (item.kind === 'toolCall' ? item.id : ''));
    expect(new Set(ids).size).toBe(2);
  });

  it(`reports ${traits.maxTokensStop} as a maxTokens stop with the partial text`, async () => {
    server().script(replyMaxTokens('This answer is cut off by the lim'));
    const response = await provider().complete(testRequest(), recordingHandlers());
    expect(response.stopReason).toBe('maxTokens');
    expect(response.items).toEqual([{ kind: 'assistant', text: 'This answer is cut off by the lim' }]);
  });
}
