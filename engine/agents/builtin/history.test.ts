import { describe, expect, test } from 'vitest';
import type { ThreadEventInput } from '../../../shared/events.js';
import { itemsOf, truncatedOutput } from './conversation.js';
import { discardedTextNotice, rebuildConversation } from './history.js';
import { FakeThread } from '../../../testing/agents/loop-test-kit.js';

const usage: ThreadEventInput = {
  type: 'usage',
  model: 'compatible:fake',
  inputTokens: 100,
  outputTokens: 20,
  cacheReadTokens: 30,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0,
};

function toolRound(thread: FakeThread, calls: Array<{ id: string; name: string; result: string; ok?: boolean }>): void {
  thread.record(usage);
  for (const call of calls) {
    thread.record({ type: 'tool.started', callId: call.id, name: call.name, input: { path: 'a.txt' } });
    thread.record({ type: 'tool.output', callId: call.id, text: 'partial' });
    thread.record({ type: 'tool.finished', callId: call.id, ok: call.ok ?? true, result: call.result, durationMs: 3 });
  }
}

describe('rebuilding the conversation from the thread', () => {
  test('turns messages, streamed text and tool calls into a transcript, calls grouped before their results', () => {
    const thread = new FakeThread();
    thread.startTurn('Fix the bug', { cwd: '/w' });
    thread.record({ type: 'agent.text', text: 'Let me ' });
    thread.record({ type: 'agent.reasoning', text: 'thinking' });
    thread.record({ type: 'agent.text', text: 'look.' });
    toolRound(thread, [
      { id: 'c1', name: 'read_file', result: 'one' },
      { id: 'c2', name: 'grep', result: 'no match', ok: false },
    ]);
    thread.record({ type: 'agent.text', text: 'Fixed.' });
    thread.record(usage);
    thread.endTurn();
    const context = thread.startTurn('Now add a test', { cwd: '/w' });
    const conversation = rebuildConversation(context.history, context.prompt, context.turn);
    expect(itemsOf(conversation)).toEqual([
      { kind: 'user', text: 'Fix the bug' },
      { kind: 'assistant', text: 'Let me look.' },
      { kind: 'toolCall', id: 'c1', name: 'read_file', input: { path: 'a.txt' } },
      { kind: 'toolCall', id: 'c2', name: 'grep', input: { path: 'a.txt' } },
      { kind: 'toolResult', callId: 'c1', ok: true, output: 'one' },
      { kind: 'toolResult', callId: 'c2', ok: false, output: 'no match' },
      { kind: 'assistant', text: 'Fixed.' },
      { kind: 'user', text: 'Now add a test' },
    ]);
    // The last model call measured 150 tokens for everything before the new message.
    expect(conversation.anchor).toEqual({ tokens: 150, count: 7 });
  });

  test('leaves out a follow-up the user cancelled before its turn: the next turn got the message after it', () => {
    const thread = new FakeThread();
    thread.startTurn('Fix the bug', { cwd: '/w' });
    const cancelled = thread.record({ type: 'user.message', text: 'Also rename it' });
    thread.record({ type: 'user.message', text: 'Add a test' });
    thread.record({ type: 'message.cancelled', messageSeq: cancelled.seq });
    thread.record({ type: 'agent.text', text: 'Fixed.' });
    thread.endTurn();
    // The engine starts the queued message's turn without a new user.message.
    thread.record({ type: 'turn.started', turn: 2 });
    thread.record({ type: 'agent.text', text: 'Tested.' });
    thread.record({ type: 'turn.ended', turn: 2, reason: 'completed', message: null });
    const context = thread.startTurn('Ship it', { cwd: '/w' });
    const users = itemsOf(rebuildConversation(context.history, context.prompt, context.turn)).filter(
      (item) => item.kind === 'user',
    );
    expect(users).toEqual([
      { kind: 'user', text: 'Fix the bug' },
      { kind: 'user', text: 'Add a test' },
      { kind: 'user', text: 'Ship it' },
    ]);
  });

  test('gives a tool call cut off by a crash a cancelled result, and drops a retried attempt’s partial text', () => {
    const thread = new FakeThread();
    thread.startTurn('Run it', { cwd: '/w' });
    thread.record({ type: 'agent.text', text: 'Half an ans' });
    thread.record({
      type: 'notice',
      level: 'warning',
      message: `The connection dropped mid-answer; retrying in 0.5 s (attempt 2 of 5). ${discardedTextNotice}`,
    });
    thread.record({ type: 'agent.text', text: 'Running the tests.' });
    thread.record(usage);
    thread.record({ type: 'tool.started', callId: 'c1', name: 'bash', input: { command: 'npm test' } });
    thread.record({ type: 'turn.ended', turn: 1, reason: 'interrupted', message: null });
    thread.record({ type: 'status.changed', status: 'interrupted', previous: 'running', message: null });
    const context = thread.startTurn('Go on', { cwd: '/w' });
    expect(itemsOf(rebuildConversation(context.history, context.prompt, context.turn))).toEqual([
      { kind: 'user', text: 'Run it' },
      { kind: 'assistant', text: 'Running the tests.' },
      { kind: 'toolCall', id: 'c1', name: 'bash', input: { command: 'npm test' } },
      { kind: 'toolResult', callId: 'c1', ok: false, output: 'cancelled' },
      { kind: 'user', text: 'Go on' },
    ]);
  });

  test('places messages sent during a turn at the turn that answered them, and forgets the ones a stop dropped', () => {
    const thread = new FakeThread();
    thread.startTurn('First', { cwd: '/w' });
    thread.record({ type: 'user.message', text: 'Second (sent while busy)' });
    thread.record({ type: 'agent.text', text: 'Did the first.' });
    thread.record({ type: 'user.message', text: 'Third (dropped by the stop)' });
    thread.endTurn();
    thread.record({ type: 'turn.started', turn: 2 });
    thread.record({ type: 'agent.text', text: 'Did the second.' });
    thread.record({ type: 'turn.ended', turn: 2, reason: 'stopped', message: null });
    thread.record({ type: 'status.changed', status: 'stopped', previous: 'running', message: null });
    // The queued third message would be next in line; it is this turn's prompt that counts.
    thread.record({ type: 'user.message', text: 'Fourth' });
    thread.record({ type: 'turn.started', turn: 3 });
    const history = [...thread.events];
    expect(itemsOf(rebuildConversation(history, 'Fourth', 3))).toEqual([
      { kind: 'user', text: 'First' },
      { kind: 'assistant', text: 'Did the first.' },
      { kind: 'user', text: 'Second (sent while busy)' },
      { kind: 'assistant', text: 'Did the second.' },
      { kind: 'user', text: 'Fourth' },
    ]);
  });

  test('appends the prompt once when the history has no start for this turn', () => {
    const thread = new FakeThread();
    thread.record({ type: 'user.message', text: 'Hello' });
    expect(itemsOf(rebuildConversation(thread.events, 'Hello', 1))).toEqual([{ kind: 'user', text: 'Hello' }]);
  });

  test('replaces what a summary covered with the summary, keeping the message it left out', () => {
    const thread = new FakeThread();
    thread.startTurn('Build the feature', { cwd: '/w' });
    toolRound(thread, [{ id: 'c1', name: 'read_file', result: 'big output' }]);
    const through = thread.events.at(-1)?.seq ?? 0;
    thread.record({
      type: 'context.compacted',
      method: 'summary',
      summary: 'Read a.txt; next: edit it.',
      throughSeq: through,
      tokensBefore: 900,
      tokensAfter: 50,
    });
    toolRound(thread, [{ id: 'c2', name: 'edit_file', result: 'edited' }]);
    thread.record({ type: 'agent.text', text: 'Done.' });
    thread.endTurn();
    const context = thread.startTurn('Thanks, one more thing', { cwd: '/w' });
    const conversation = rebuildConversation(context.history, context.prompt, context.turn);
    const items = itemsOf(conversation);
    expect(items[0]).toMatchObject({ kind: 'summary' });
    expect(items[0]?.kind === 'summary' && items[0].text).toContain('Read a.txt; next: edit it.');
    expect(items.slice(1)).toEqual([
      { kind: 'user', text: 'Build the feature' },
      { kind: 'toolCall', id: 'c2', name: 'edit_file', input: { path: 'a.txt' } },
      { kind: 'toolResult', callId: 'c2', ok: true, output: 'edited' },
      { kind: 'assistant', text: 'Done.' },
      { kind: 'user', text: 'Thanks, one more thing' },
    ]);
  });

  test('blanks the tool outputs a truncation covered, and measures nothing across it', () => {
    const thread = new FakeThread();
    thread.startTurn('Look around', { cwd: '/w' });
    toolRound(thread, [{ id: 'c1', name: 'glob', result: 'old listing' }]);
    const through = thread.events.at(-1)?.seq ?? 0;
    toolRound(thread, [{ id: 'c2', name: 'grep', result: 'recent matches' }]);
    thread.record({
      type: 'context.compacted',
      method: 'truncation',
      summary: '',
      throughSeq: through,
      tokensBefore: 900,
      tokensAfter: 700,
    });
    const context = thread.startTurn('And?', { cwd: '/w' });
    const conversation = rebuildConversation(context.history, context.prompt, context.turn);
    const results = itemsOf(conversation).filter((item) => item.kind === 'toolResult');
    expect(results.map((item) => item.kind === 'toolResult' && item.output)).toEqual([
      truncatedOutput,
      'recent matches',
    ]);
    expect(conversation.anchor).toBeNull();
  });

  test('keeps two tool-only responses apart: each response is its calls, then their results', () => {
    const thread = new FakeThread();
    thread.startTurn('Look', { cwd: '/w' });
    toolRound(thread, [{ id: 'c1', name: 'glob', result: 'a.txt' }]);
    toolRound(thread, [{ id: 'c2', name: 'read_file', result: 'one' }]);
    thread.endTurn();
    const context = thread.startTurn('More', { cwd: '/w' });
    expect(itemsOf(rebuildConversation(context.history, context.prompt, context.turn))).toEqual([
      { kind: 'user', text: 'Look' },
      { kind: 'toolCall', id: 'c1', name: 'glob', input: { path: 'a.txt' } },
      { kind: 'toolResult', callId: 'c1', ok: true, output: 'a.txt' },
      { kind: 'toolCall', id: 'c2', name: 'read_file', input: { path: 'a.txt' } },
      { kind: 'toolResult', callId: 'c2', ok: true, output: 'one' },
      { kind: 'user', text: 'More' },
    ]);
  });

  test('a retry after an output-limit continuation drops only the failed attempt, and the reply reads as one', () => {
    const thread = new FakeThread();
    thread.startTurn('Write it', { cwd: '/w' });
    thread.record({ type: 'agent.text', text: 'First half, ' });
    thread.record(usage);
    thread.record({ type: 'agent.text', text: 'second ha' });
    thread.record({
      type: 'notice',
      level: 'warning',
      message: `The connection dropped mid-answer; retrying in 0.5 s (attempt 2 of 5). ${discardedTextNotice}`,
    });
    thread.record({ type: 'agent.text', text: 'second half.' });
    thread.record(usage);
    thread.endTurn();
    const context = thread.startTurn('Thanks', { cwd: '/w' });
    expect(itemsOf(rebuildConversation(context.history, context.prompt, context.turn))).toEqual([
      { kind: 'user', text: 'Write it' },
      { kind: 'assistant', text: 'First half, second half.' },
      { kind: 'user', text: 'Thanks' },
    ]);
  });

  test('a message queued while a summary was written stays at the turn that answered it', () => {
    const thread = new FakeThread();
    thread.startTurn('Build it', { cwd: '/w' });
    toolRound(thread, [{ id: 'c1', name: 'read_file', result: 'big output' }]);
    thread.record({ type: 'user.message', text: 'Also document it' });
    const through = thread.events.at(-1)?.seq ?? 0;
    thread.record({
      type: 'context.compacted',
      method: 'summary',
      summary: 'Read a.txt.',
      throughSeq: through,
      tokensBefore: 900,
      tokensAfter: 50,
    });
    thread.record({ type: 'agent.text', text: 'Built.' });
    thread.endTurn();
    thread.record({ type: 'turn.started', turn: 2 });
    const items = itemsOf(rebuildConversation([...thread.events], 'Also document it', 2));
    expect(items.slice(1)).toEqual([
      { kind: 'user', text: 'Build it' },
      { kind: 'assistant', text: 'Built.' },
      { kind: 'user', text: 'Also document it' },
    ]);
  });
});
