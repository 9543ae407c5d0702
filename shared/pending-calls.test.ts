import { afterEach, describe, expect, it, vi } from 'vitest';
import { PendingCalls } from './pending-calls.js';

describe('PendingCalls', () => {
  afterEach(() => vi.useRealTimers());

  it('settles each call by its own id, with its answer or its error', async () => {
    const table = new PendingCalls();
    const first = table.register('task/list');
    const second = table.register('task/stop');
    expect(first.id).not.toBe(second.id);
    expect(table.method(second.id)).toBe('task/stop');
    expect(table.resolve(second.id, { task: 'stopped' })).toBe(true);
    expect(table.reject(first.id, new Error('no such repository'))).toBe(true);
    await expect(second.promise).resolves.toEqual({ task: 'stopped' });
    await expect(first.promise).rejects.toThrow('no such repository');
    expect(table.size).toBe(0);
  });

  it('fails a call that waits too long with an error naming its method, and ignores its late answer', async () => {
    vi.useFakeTimers();
    const table = new PendingCalls({ timeoutMs: 2_000 });
    const call = table.register('task/merge');
    const failed = expect(call.promise).rejects.toThrow('No answer to task/merge within 2 s.');
    vi.advanceTimersByTime(2_000);
    await failed;
    expect(table.size).toBe(0);
    expect(table.resolve(call.id, 'too late')).toBe(false);
    expect(table.method(call.id)).toBeUndefined();
  });

  it('lets each call set its own timeout and each client build its own timeout error', async () => {
    vi.useFakeTimers();
    const table = new PendingCalls({
      timeoutMs: 60_000,
      timeoutError: (method, ms) => new RangeError(`${method} took over ${ms} ms`),
    });
    const quick = table.register('repo/list', 100);
    const slow = table.register('task/create');
    const failed = expect(quick.promise).rejects.toThrow(new RangeError('repo/list took over 100 ms'));
    vi.advanceTimersByTime(100);
    await failed;
    expect(table.resolve(slow.id, 'made')).toBe(true);
    await expect(slow.promise).resolves.toBe('made');
  });

  it('fails every waiting call on disconnect, stops their timers, and ignores answers after that', async () => {
    vi.useFakeTimers();
    const table = new PendingCalls({ timeoutMs: 1_000 });
    const calls = [table.register('task/list'), table.register('task/stop')];
    table.failAll((method) => new Error(`the engine stopped during ${method}`));
    await expect(calls[0]!.promise).rejects.toThrow('the engine stopped during task/list');
    await expect(calls[1]!.promise).rejects.toThrow('the engine stopped during task/stop');
    expect(vi.getTimerCount()).toBe(0);
    expect(table.resolve(calls[0]!.id, 'late')).toBe(false);
    const next = table.register('task/list');
    table.failAll(new Error('closed'));
    await expect(next.promise).rejects.toThrow('closed');
  });

  it('never times out a call when no timeout is set', () => {
    vi.useFakeTimers();
    const table = new PendingCalls();
    table.register('thread/start');
    expect(vi.getTimerCount()).toBe(0);
    expect(table.size).toBe(1);
  });
});
