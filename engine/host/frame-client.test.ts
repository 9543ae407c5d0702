import { describe, expect, it, vi } from 'vitest';
import type { ThreadEvent } from '../../shared/events.js';
import { EngineError } from '../errors.js';
import { frameClient } from './frame-client.js';

function client() {
  const sent: { id: number; method: string }[] = [];
  const frames = frameClient({
    send: (text) => sent.push(JSON.parse(text) as { id: number; method: string }),
    unavailable: () => null,
    timeoutError: (method) => new Error(`${method} timed out`),
  });
  return { frames, sent };
}

const statusEvent = (seq: number, status: string) =>
  JSON.stringify({
    method: 'thread/event',
    params: { type: 'status.changed', taskId: 't1', seq, at: 'now', status, previous: 'queued', message: null },
  });

describe('frameClient', () => {
  it('answers calls before its checks are loaded, and drops events nobody listens to', async () => {
    const { frames, sent } = client();
    const answer = frames.api.call('repo/list', {});
    frames.receive(statusEvent(1, 'running'));
    frames.receive(JSON.stringify({ id: sent[0]!.id, result: { repos: [] } }));
    expect(await answer).toEqual({ repos: [] });
  });

  it('keeps events and answers in the order they came while the checks load, and drops events that fail them', async () => {
    const { frames, sent } = client();
    const seen: string[] = [];
    frames.api.subscribe((event: ThreadEvent) => seen.push(`event ${event.seq}`));
    const answer = frames.api.call('repo/list', {}).then(() => seen.push('answer'));
    frames.receive(statusEvent(1, 'running'));
    frames.receive(statusEvent(2, 'not a status'));
    frames.receive(JSON.stringify({ id: sent[0]!.id, result: { repos: [] } }));
    frames.receive(statusEvent(3, 'done'));
    expect(seen).toEqual([]);
    await answer;
    await vi.waitFor(() => expect(seen).toEqual(['event 1', 'answer', 'event 3']));
  });

  it('turns an error answer into an EngineError, checked, before anything subscribed', async () => {
    const { frames, sent } = client();
    const refused = frames.api.call('task/get', { taskId: 'gone' }).catch((error: unknown) => error);
    const unreadable = frames.api.call('task/get', { taskId: 'odd' }).catch((error: unknown) => error);
    frames.receive(
      JSON.stringify({ id: sent[0]!.id, error: { code: 'notFound', message: 'No task gone.', details: { id: 1 } } }),
    );
    frames.receive(JSON.stringify({ id: sent[1]!.id, error: { code: 'no such code', message: 'x' } }));
    const error = (await refused) as EngineError;
    expect(error).toBeInstanceOf(EngineError);
    expect({ code: error.code, message: error.message, details: error.details }).toEqual({
      code: 'notFound',
      message: 'No task gone.',
      details: { id: 1 },
    });
    expect(((await unreadable) as EngineError).message).toBe(
      'The Flotilla engine sent an unreadable error for task/get.',
    );
  });
});
