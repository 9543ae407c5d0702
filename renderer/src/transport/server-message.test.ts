import { describe, expect, it } from 'vitest';
import { eventStream } from '../../../testing/renderer/events.js';
import { readServerMessage } from './server-message.js';

describe('reading messages from the engine socket', () => {
  const event = eventStream('t1')({ type: 'agent.text', text: 'Working' });

  it('passes well-formed events and responses under both checks', () => {
    for (const check of ['full', 'envelope'] as const) {
      expect(readServerMessage({ method: 'thread/event', params: event }, check)).toEqual({
        method: 'thread/event',
        params: event,
      });
      expect(readServerMessage({ id: 3, result: { ok: true } }, check)).toEqual({ id: 3, result: { ok: true } });
      expect(readServerMessage({ id: 4, error: { code: 'notFound', message: 'No such task.' } }, check)).toMatchObject({
        id: 4,
        error: { code: 'notFound' },
      });
    }
  });

  it('drops events without a routable envelope even under the cheap check', () => {
    const broken = [
      { ...event, type: 'agent.dance' },
      { ...event, taskId: 7 },
      { ...event, seq: 1.5 },
      { ...event, at: undefined },
      null,
      'text',
      [event],
    ];
    for (const params of broken) expect(readServerMessage({ method: 'thread/event', params }, 'envelope')).toBeNull();
  });

  it('checks every field of an event under the full check, and always of a response', () => {
    const wrongField = { method: 'thread/event', params: { ...event, text: 42 } };
    expect(readServerMessage(wrongField, 'full')).toBeNull();
    expect(readServerMessage(wrongField, 'envelope')).not.toBeNull();
    expect(readServerMessage({ id: 5, error: { code: 'noSuchCode', message: 'x' } }, 'envelope')).toBeNull();
    expect(readServerMessage({ method: 'other', params: event }, 'envelope')).toBeNull();
  });
});
