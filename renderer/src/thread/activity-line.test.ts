import { describe, expect, it } from 'vitest';
import { eventStream } from '../../../testing/renderer/events.js';
import { nextActivityLine } from './activity-line.js';

describe('the activity line of an overview card', () => {
  it('keeps the newest words of a long streamed reply, short enough for three card lines', () => {
    const next = eventStream('t1');
    let line: string | undefined;
    for (let word = 1; word <= 200; word += 1)
      line = nextActivityLine(line, next({ type: 'agent.text', text: `word${word} ` }));
    expect(line?.startsWith('› …')).toBe(true);
    expect(line).toContain('word200');
    expect(line?.length).toBeLessThanOrEqual(104);
  });

  it('starts afresh after the agent does something else', () => {
    const next = eventStream('t1');
    const streamed = nextActivityLine(undefined, next({ type: 'agent.text', text: 'Reading the code' }));
    expect(streamed).toBe('› Reading the code');
    const tool = nextActivityLine(
      streamed,
      next({ type: 'tool.started', callId: 'c1', name: 'bash', input: { command: 'npm test' } }),
    );
    expect(tool).toBe('Running bash: npm test');
    expect(nextActivityLine(tool, next({ type: 'agent.text', text: 'All green' }))).toBe('› All green');
  });

  it('keeps saying what the agent does when a follow-up is queued behind its turn', () => {
    const next = eventStream('t1');
    const tool = nextActivityLine(
      undefined,
      next({ type: 'tool.started', callId: 'c1', name: 'bash', input: { command: 'npm test' } }),
    );
    expect(nextActivityLine(tool, next({ type: 'user.message', text: 'Also fix the docs' }), true)).toBe(
      'Running bash: npm test',
    );
    expect(nextActivityLine('Done', next({ type: 'user.message', text: 'Also fix the docs' }), false)).toBe(
      'You: Also fix the docs',
    );
  });
});
