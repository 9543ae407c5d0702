import { describe, expect, it } from 'vitest';
import type { ThreadEvent } from './events.js';
import { eventStream } from '../testing/renderer/events.js';
import { ThreadBuilder } from './thread-builder.js';

describe('ThreadBuilder', () => {
  it('coalesces streamed text deltas into one assistant message, split by a tool call', () => {
    const next = eventStream('t1');
    const builder = new ThreadBuilder();
    builder.apply([
      next({ type: 'user.message', text: 'fix it' }),
      next({ type: 'agent.text', text: 'Look' }),
      next({ type: 'agent.text', text: 'ing at ' }),
    ]);
    builder.apply([
      next({
        type: 'usage',
        model: 'm',
        inputTokens: 1,
        outputTokens: 1,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        costUsd: 0,
      }),
      next({ type: 'agent.text', text: '**the code**' }),
      next({ type: 'tool.started', callId: 'c1', name: 'bash', input: { command: 'ls' } }),
      next({ type: 'agent.text', text: 'Done.' }),
    ]);
    expect(builder.items.map((item) => item.kind)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(builder.items[1]).toMatchObject({ kind: 'assistant', text: 'Looking at **the code**' });
    expect(builder.items[3]).toMatchObject({ kind: 'assistant', text: 'Done.' });
  });

  it('ends each turn with what it used: tokens, cost and time, and why when it did not simply complete', () => {
    const next = eventStream('t1');
    const builder = new ThreadBuilder();
    const usage = (inputTokens: number, costUsd: number) =>
      next({
        type: 'usage',
        model: 'm',
        inputTokens,
        outputTokens: 100,
        cacheReadTokens: 50,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        costUsd,
      });
    // Seconds tick by one per event in the test stream.
    builder.apply([
      next({ type: 'turn.started', turn: 1 }),
      usage(1000, 0.01),
      usage(2000, 0.02),
      next({ type: 'turn.ended', turn: 1, reason: 'completed', message: null }),
    ]);
    builder.apply([
      next({ type: 'turn.started', turn: 2 }),
      usage(500, 0.5),
      next({ type: 'turn.ended', turn: 2, reason: 'budget', message: 'Stopped at the cost budget.' }),
    ]);
    expect(builder.items.filter((item) => item.kind === 'turnEnded')).toMatchObject([
      { turn: 1, reason: 'completed', tokens: 3300, costUsd: 0.03, durationMs: 3000 },
      {
        turn: 2,
        reason: 'budget',
        tokens: 650,
        costUsd: 0.5,
        durationMs: 2000,
        message: 'Stopped at the cost budget.',
      },
    ]);
  });

  it('pairs tool start, live output and finish into one row, even across batches', () => {
    const next = eventStream('t1');
    const builder = new ThreadBuilder();
    builder.apply([
      next({ type: 'tool.started', callId: 'a', name: 'bash', input: { command: 'npm test' } }),
      next({ type: 'tool.started', callId: 'b', name: 'read_file', input: { path: 'x' } }),
    ]);
    builder.apply([next({ type: 'tool.output', callId: 'a', text: 'PASS 1\n' })]);
    builder.apply([
      next({ type: 'tool.output', callId: 'a', text: 'PASS 2\n' }),
      next({ type: 'tool.finished', callId: 'b', ok: false, result: 'no such file', durationMs: 3 }),
      next({ type: 'tool.finished', callId: 'a', ok: true, result: 'exit 0', durationMs: 1200 }),
    ]);
    expect(builder.items).toHaveLength(2);
    expect(builder.items[0]).toMatchObject({
      kind: 'tool',
      name: 'bash',
      output: 'PASS 1\nPASS 2\n',
      state: 'ok',
      result: 'exit 0',
      durationMs: 1200,
    });
    expect(builder.items[1]).toMatchObject({ kind: 'tool', name: 'read_file', state: 'error', result: 'no such file' });
  });

  it('keeps a finished command’s output once: in its result when the result repeats it, else beside it', () => {
    const next = eventStream('t1');
    const builder = new ThreadBuilder();
    builder.apply([
      next({ type: 'tool.started', callId: 'same', name: 'bash', input: { command: 'ls' } }),
      next({ type: 'tool.output', callId: 'same', text: 'a.txt\nb.txt\n' }),
      next({ type: 'tool.started', callId: 'other', name: 'shell', input: { command: 'make' } }),
      next({ type: 'tool.output', callId: 'other', text: 'compiling\n' }),
    ]);
    expect(builder.items[0]).toMatchObject({ output: 'a.txt\nb.txt\n', state: 'running' });
    builder.apply([
      next({ type: 'tool.finished', callId: 'same', ok: true, result: 'a.txt\nb.txt\n[exit code 0]', durationMs: 5 }),
      next({ type: 'tool.finished', callId: 'other', ok: true, result: 'exit 0', durationMs: 5 }),
    ]);
    expect(builder.items[0]).toMatchObject({ output: '', result: 'a.txt\nb.txt\n[exit code 0]', state: 'ok' });
    expect(builder.items[1]).toMatchObject({ output: 'compiling\n', result: 'exit 0' });
  });

  it('shows a message sent during a turn last, as queued, until its turn starts; a cancelled or dropped one says so', () => {
    const next = eventStream('t1');
    const builder = new ThreadBuilder();
    const shown = () =>
      builder.items.map((item) => (item.kind === 'user' ? `${item.text}:${item.delivery}` : item.kind));
    builder.apply([
      next({ type: 'user.message', text: 'first' }),
      next({ type: 'turn.started', turn: 1 }),
      next({ type: 'agent.text', text: 'Working' }),
    ]);
    const followUp = next({ type: 'user.message', text: 'also this' });
    builder.apply([followUp]);
    expect(shown()).toEqual(['first:sent', 'assistant', 'also this:queued']);
    builder.apply([
      next({ type: 'agent.text', text: ' on it' }),
      next({ type: 'tool.started', callId: 'c1', name: 'bash', input: { command: 'ls' } }),
    ]);
    expect(shown()).toEqual(['first:sent', 'assistant', 'tool', 'also this:queued']);
    expect(builder.items[1]).toMatchObject({ text: 'Working on it' });
    builder.apply([
      next({ type: 'turn.ended', turn: 1, reason: 'completed', message: null }),
      next({ type: 'status.changed', status: 'done', previous: 'running', message: null }),
    ]);
    expect(shown().at(-1)).toBe('also this:queued');
    builder.apply([
      next({ type: 'status.changed', status: 'running', previous: 'done', message: null }),
      next({ type: 'turn.started', turn: 2 }),
      next({ type: 'agent.text', text: 'Next' }),
    ]);
    expect(shown()).toEqual(['first:sent', 'assistant', 'tool', 'turnEnded', 'status', 'also this:sent', 'assistant']);

    const taken = next({ type: 'user.message', text: 'never mind' });
    builder.apply([taken, next({ type: 'user.message', text: 'and this' })]);
    expect(shown().slice(-2)).toEqual(['never mind:queued', 'and this:queued']);
    builder.apply([next({ type: 'message.cancelled', messageSeq: taken.seq })]);
    expect(shown().slice(-2)).toEqual(['never mind:cancelled', 'and this:queued']);
    builder.apply([
      next({ type: 'turn.ended', turn: 2, reason: 'stopped', message: null }),
      next({ type: 'status.changed', status: 'stopped', previous: 'running', message: null }),
    ]);
    expect(shown().slice(-4)).toEqual(['never mind:cancelled', 'turnEnded', 'status', 'and this:dropped']);
  });

  it('groups worktree phases with their timings and resolves approvals in place', () => {
    const next = eventStream('t1');
    const builder = new ThreadBuilder();
    builder.apply([
      next({ type: 'phase.changed', phase: 'addWorktree', state: 'started', durationMs: null, detail: null }),
      next({ type: 'phase.changed', phase: 'addWorktree', state: 'finished', durationMs: 40, detail: null }),
      next({ type: 'phase.output', phase: 'setup', text: 'installing\n' }),
      next({ type: 'phase.changed', phase: 'ready', state: 'finished', durationMs: 2, detail: null }),
      next({
        type: 'approval.requested',
        requestId: 'ap-1',
        tool: 'bash',
        input: { command: 'rm -rf build' },
        summary: 'rm -rf build',
      }),
    ]);
    expect(builder.items.map((item) => item.kind)).toEqual(['phases', 'approval']);
    expect(builder.items[0]).toMatchObject({
      state: 'ready',
      output: 'installing\n',
      phases: [{ phase: 'addWorktree', durationMs: 40 }, { phase: 'ready' }],
    });
    expect(builder.items[1]).toMatchObject({ decision: null });
    builder.apply([next({ type: 'approval.resolved', requestId: 'ap-1', decision: 'deny', by: 'user' })]);
    expect(builder.items[1]).toMatchObject({ kind: 'approval', decision: 'deny', by: 'user' });
  });

  it('ignores events it already has, so a refetch after live events adds nothing twice', () => {
    const next = eventStream('t1');
    const events = [next({ type: 'user.message', text: 'hi' }), next({ type: 'agent.text', text: 'hello' })];
    const builder = new ThreadBuilder();
    builder.apply(events);
    expect(builder.apply(events)).toBe(false);
    expect(builder.items).toHaveLength(2);
    expect(builder.items[1]).toMatchObject({ text: 'hello' });
  });

  it('stays incremental on a 50,000-event thread: a new event replaces only the item it changes', () => {
    const next = eventStream('t1');
    const events: ThreadEvent[] = [];
    for (let call = 0; call < 10_000; call++) {
      events.push(next({ type: 'agent.text', text: `step ${call} ` }));
      events.push(next({ type: 'agent.text', text: 'thinking' }));
      events.push(next({ type: 'tool.started', callId: `c${call}`, name: 'bash', input: { command: `echo ${call}` } }));
      events.push(next({ type: 'tool.output', callId: `c${call}`, text: `${call}\n` }));
      events.push(next({ type: 'tool.finished', callId: `c${call}`, ok: true, result: 'ok', durationMs: 1 }));
    }
    const builder = new ThreadBuilder();
    const started = performance.now();
    builder.apply(events);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(builder.items).toHaveLength(20_000);
    const before = builder.items;

    builder.apply([next({ type: 'agent.text', text: 'last words' })]);
    expect(builder.items).not.toBe(before);
    expect(builder.items).toHaveLength(20_001 - builder.dropped);
    // Every surviving old item is the very same object: nothing was rebuilt.
    const shift = builder.dropped;
    expect(builder.items.slice(0, -1).every((item, index) => item === before[index + shift])).toBe(true);
    expect(builder.items.at(-1)).toMatchObject({ kind: 'assistant', text: 'last words' });
  });

  it('keeps memory bounded: old items are dropped and counted, long output keeps its tail', () => {
    const next = eventStream('t1');
    const builder = new ThreadBuilder({ maxItems: 100, maxTextChars: 50, maxOutputChars: 10 });
    builder.apply([
      next({ type: 'tool.started', callId: 'x', name: 'bash', input: {} }),
      next({ type: 'tool.output', callId: 'x', text: '0123456789abcdef' }),
    ]);
    expect(builder.items[0]).toMatchObject({ output: '6789abcdef', outputTruncated: true });
    for (let index = 0; index < 300; index++)
      builder.apply([
        next({ type: 'user.message', text: `m${index}` }),
        next({ type: 'turn.started', turn: index + 1 }),
      ]);
    expect(builder.items.length).toBeLessThanOrEqual(100);
    expect(builder.dropped + builder.items.length).toBe(301);
    expect(builder.items.at(-1)).toMatchObject({ text: 'm299' });
    builder.apply([next({ type: 'agent.text', text: 'x'.repeat(80) })]);
    expect(builder.items.at(-1)).toMatchObject({ kind: 'assistant', truncated: false });
    builder.apply([next({ type: 'agent.text', text: 'more' })]);
    expect(builder.items.at(-1)).toMatchObject({ kind: 'assistant', truncated: true });
  });

  it('lists the items each batch added or changed, as they now are, so a printer can follow the thread', () => {
    const next = eventStream('t1');
    const builder = new ThreadBuilder();
    builder.apply([
      next({ type: 'user.message', text: 'go' }),
      next({ type: 'tool.started', callId: 'a', name: 'bash', input: { command: 'ls' } }),
    ]);
    expect(builder.changed.map((item) => item.kind)).toEqual(['user', 'tool']);
    builder.apply([next({ type: 'agent.text', text: 'Hi' })]);
    builder.apply([
      next({ type: 'agent.text', text: ' there' }),
      next({ type: 'tool.finished', callId: 'a', ok: true, result: 'x', durationMs: 3 }),
    ]);
    expect(builder.changed).toMatchObject([
      { kind: 'assistant', text: 'Hi there' },
      { kind: 'tool', state: 'ok', result: 'x' },
    ]);
    builder.apply([
      next({
        type: 'usage',
        model: 'm',
        inputTokens: 1,
        outputTokens: 1,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        costUsd: 0,
      }),
    ]);
    expect(builder.changed).toEqual([]);
  });
});
