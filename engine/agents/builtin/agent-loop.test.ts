import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ModelPrice } from '../../../shared/repo.js';
import { makeTempDir, removeTemp } from '../../../testing/engine/temp-repo.js';
import { liveProcesses, waitForNoProcess } from '../../../testing/agents/tool-test-support.js';
import { continueNudge } from './agent-loop.js';
import { availability, createBuiltinAgent } from './builtin-agent.js';
import { truncatedOutput } from './conversation.js';
import {
  callTools,
  FakeProvider,
  fakeServices,
  FakeThread,
  priceRow,
  reply,
  type FakeStep,
} from '../../../testing/agents/loop-test-kit.js';
import { ProviderError } from './provider.js';
import { deniedResult } from './tool-calls.js';

describe('the built-in agent loop (in-test provider)', () => {
  let dir: string;
  let thread: FakeThread;
  beforeEach(() => {
    dir = makeTempDir();
    thread = new FakeThread();
  });
  afterEach(() => removeTemp(dir));

  function agentWith(steps: FakeStep[], prices: Record<string, ModelPrice> = { 'compatible:fake': priceRow(200_000) }) {
    const provider = new FakeProvider(steps);
    const agent = createBuiltinAgent(fakeServices(join(dir, 'home'), prices), {
      createProvider: () => provider,
      retry: { baseDelayMs: 1 },
    });
    return { agent, provider };
  }

  test('runs the tools the model asks for, feeds the results back, and records usage with its cost', async () => {
    const { agent, provider } = agentWith(
      [
        callTools([{ name: 'write_file', input: { path: 'notes.txt', content: 'hello\n' } }], 'Writing it.', {
          inputTokens: 1_000_000,
        }),
        callTools([
          { name: 'read_file', input: { path: 'missing.txt' } },
          { name: 'no_such_tool', input: {} },
        ]),
        reply('All done.'),
      ],
      { 'compatible:fake': priceRow(10_000_000) },
    );
    const outcome = await agent.runTurn(thread.startTurn('Write notes.txt', { cwd: dir }));
    expect(outcome).toEqual({ reason: 'completed' });
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('hello\n');
    expect(thread.ofType('sandbox.detected')).toHaveLength(1);
    const finished = thread.ofType('tool.finished');
    expect(finished.map((event) => event.ok)).toEqual([true, false, false]);
    expect(finished[2]?.result).toContain('Unknown tool "no_such_tool"');
    expect(
      thread
        .ofType('agent.text')
        .map((event) => event.text)
        .join(''),
    ).toBe('Writing it.All done.');
    // A million input tokens at $1 per million plus 10 output tokens at $2 per million.
    expect(thread.ofType('usage')[0]).toMatchObject({
      model: 'compatible:fake',
      inputTokens: 1_000_000,
      costUsd: 1.00002,
    });
    const second = provider.requests[1]?.transcript ?? [];
    expect(second.map((item) => item.kind)).toEqual(['user', 'assistant', 'toolCall', 'toolResult']);
    expect(second[3]).toMatchObject({ kind: 'toolResult', ok: true });
    expect(provider.requests[0]?.tools.map((tool) => tool.name)).toEqual([
      'read_file',
      'write_file',
      'edit_file',
      'bash',
      'glob',
      'grep',
    ]);
    expect(provider.requests[0]?.system).toContain(`git worktree at ${dir}`);
  });

  test('stops at the model-call limit', async () => {
    const looping = () => callTools([{ name: 'glob', input: { pattern: '*' } }]);
    const limited = agentWith([looping(), looping(), looping()]);
    expect(await limited.agent.runTurn(thread.startTurn('Loop', { cwd: dir, policy: { maxModelCalls: 2 } }))).toEqual({
      reason: 'maxTurns',
      message: 'Stopped after 2 model calls; send a message to continue.',
    });
    expect(limited.provider.requests).toHaveLength(2);
  });

  test('nudges once when a reply hits the output limit, then ends', async () => {
    const { agent, provider } = agentWith([
      reply('Part one', {}, 'maxTokens'),
      reply(' and part two', {}, 'maxTokens'),
      reply('never asked'),
    ]);
    expect(await agent.runTurn(thread.startTurn('Explain', { cwd: dir }))).toEqual({ reason: 'completed' });
    expect(provider.requests).toHaveLength(2);
    expect(provider.requests[1]?.transcript.at(-1)).toEqual({ kind: 'user', text: continueNudge });
  });

  test('retries what a retry can fix (saying so), and fails with the provider’s message otherwise', async () => {
    const rateLimit = new ProviderError('rateLimited', 'Rate limit reached.', true, 5, 429);
    const retried = agentWith([rateLimit, reply('Answered.')]);
    expect(await retried.agent.runTurn(thread.startTurn('Hi', { cwd: dir }))).toEqual({ reason: 'completed' });
    expect(thread.ofType('notice').map((event) => event.message)).toContain(
      'Rate limited; retrying in 0.0 s (attempt 2 of 5).',
    );
    thread.endTurn();
    const auth = agentWith([
      new ProviderError('auth', 'The API key was rejected. Check it in Settings.', false, null, 401),
    ]);
    expect(await auth.agent.runTurn(thread.startTurn('Hi again', { cwd: dir }))).toEqual({
      reason: 'failed',
      message: 'The API key was rejected. Check it in Settings.',
    });
  });

  test('says once per task when the price is unknown, and reports a model key without a provider', async () => {
    const { agent } = agentWith([reply('One.'), reply('Two.')], {});
    await agent.runTurn(thread.startTurn('First', { cwd: dir }));
    thread.endTurn();
    await agent.runTurn(thread.startTurn('Second', { cwd: dir }));
    const notices = thread
      .ofType('notice')
      .filter((event) => event.message.includes('No price is known for compatible:fake'));
    expect(notices).toHaveLength(1);
    expect(thread.ofType('usage').map((event) => event.costUsd)).toEqual([0, 0]);
    thread.endTurn();
    const outcome = await agent.runTurn(thread.startTurn('Third', { cwd: dir, model: 'gpt-5' }));
    expect(outcome.reason).toBe('failed');
    expect(outcome.message).toContain('does not name a provider');
  });

  test('asks before each bash command in ask mode; a denial is a result the model sees', async () => {
    const asked: string[] = [];
    const { agent, provider } = agentWith([
      callTools([{ name: 'bash', input: { command: 'echo approved > ok.txt' } }]),
      callTools([{ name: 'bash', input: { command: 'echo nope > no.txt' } }]),
      reply('Fine.'),
    ]);
    const decisions: Array<'approve' | 'deny'> = ['approve', 'deny'];
    const context = thread.startTurn('Run things', {
      cwd: dir,
      policy: { approvalMode: 'ask' },
      approve: async (request) => {
        asked.push(`${request.tool}: ${request.summary}`);
        return decisions.shift() ?? 'deny';
      },
    });
    expect(await agent.runTurn(context)).toEqual({ reason: 'completed' });
    expect(asked).toEqual(['bash: echo approved > ok.txt', 'bash: echo nope > no.txt']);
    expect(existsSync(join(dir, 'ok.txt'))).toBe(true);
    expect(existsSync(join(dir, 'no.txt'))).toBe(false);
    expect(provider.requests[2]?.transcript.at(-1)).toMatchObject({
      kind: 'toolResult',
      ok: false,
      output: deniedResult,
    });
  });

  test('a stop kills the running command and gives every unfinished tool call a cancelled result', async () => {
    const controller = new AbortController();
    const marker = `flotilla-loop-stop-${process.pid}`;
    const { agent } = agentWith([
      callTools([
        { name: 'bash', input: { command: `sleep 313 & sleep 314; true ${marker}` } },
        { name: 'write_file', input: { path: 'late.txt', content: 'x' } },
      ]),
    ]);
    const running = agent.runTurn(thread.startTurn('Wait', { cwd: dir, signal: controller.signal }));
    const deadline = Date.now() + 10_000;
    while (!liveProcesses().some((process) => process.commandLine.includes(marker)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(running).rejects.toThrow();
    expect(
      await waitForNoProcess(
        (process) => process.commandLine.includes(marker) || /^sleep 31[34]$/.test(process.commandLine),
      ),
    ).toEqual([]);
    const finished = thread.ofType('tool.finished');
    expect(
      finished.map((event) => [event.ok, event.result.includes('stopped') || event.result === 'cancelled']),
    ).toEqual([
      [false, true],
      [false, true],
    ]);
    expect(finished[1]?.result).toBe('cancelled');
    expect(existsSync(join(dir, 'late.txt'))).toBe(false);
  });

  test('summarizes the conversation near the context window and continues from the summary', async () => {
    const { agent, provider } = agentWith(
      [
        callTools([{ name: 'glob', input: { pattern: '*' } }], '', { inputTokens: 9_000 }),
        reply('## Task\nList files.\n## Done\nRan glob.'),
        reply('Finished after compaction.'),
      ],
      { 'compatible:fake': priceRow(10_000) },
    );
    expect(await agent.runTurn(thread.startTurn('List the files', { cwd: dir }))).toEqual({ reason: 'completed' });
    const summaryRequest = provider.requests[1];
    expect(summaryRequest?.tools).toEqual([]);
    expect(summaryRequest?.transcript).toHaveLength(1);
    expect(JSON.stringify(summaryRequest?.transcript)).toContain('AGENT CALLED glob');
    const [compacted] = thread.ofType('context.compacted');
    expect(compacted).toMatchObject({
      method: 'summary',
      summary: '## Task\nList files.\n## Done\nRan glob.',
      tokensBefore: expect.any(Number),
    });
    expect(compacted?.throughSeq).toBe(thread.events[thread.events.indexOf(compacted!) - 1]?.seq);
    expect(compacted!.tokensAfter).toBeLessThan(compacted!.tokensBefore);
    expect(provider.requests[2]?.transcript.map((item) => item.kind)).toEqual(['summary', 'user']);
    expect(thread.ofType('usage')).toHaveLength(3);
  });

  test('falls back to truncating old tool outputs when summarizing fails', async () => {
    const { agent, provider } = agentWith(
      [
        callTools([{ name: 'glob', input: { pattern: '*' } }], '', { inputTokens: 9_000 }),
        new ProviderError('badRequest', 'The request is invalid.', false, null, 400),
        reply('Finished anyway.'),
      ],
      { 'compatible:fake': priceRow(10_000) },
    );
    expect(await agent.runTurn(thread.startTurn('List the files', { cwd: dir }))).toEqual({ reason: 'completed' });
    expect(thread.ofType('context.compacted')).toMatchObject([{ method: 'truncation', summary: '' }]);
    expect(
      thread
        .ofType('notice')
        .some((event) =>
          event.message.includes('Could not summarize the conversation to free context (The request is invalid.)'),
        ),
    ).toBe(true);
    expect(provider.requests[2]?.transcript.at(-1)).toMatchObject({ kind: 'toolResult', output: truncatedOutput });
  });

  test('is available once any provider is set up, and says what to set otherwise', () => {
    const none = { home: dir, providerConfig: () => ({ apiKey: null, baseUrl: null }), prices: () => ({}) };
    expect(availability(none)).toMatchObject({
      available: false,
      detail: expect.stringContaining('ANTHROPIC_API_KEY'),
    });
    const compatible = {
      ...none,
      providerConfig: (id: string) => ({
        apiKey: null,
        baseUrl: id === 'compatible' ? 'http://localhost:11434/v1' : null,
      }),
    };
    expect(availability(compatible)).toEqual({ available: true, detail: 'Uses OpenAI-compatible server.' });
  });
});
