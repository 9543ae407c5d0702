import { describe, expect, it } from 'vitest';
import type { ThreadEvent } from './events.js';
import { defaultMergeMessage, finalAgentMessage, maxSubjectLength, mergeSubject } from './merge-message.js';

const at = '2026-01-01T00:00:00.000Z';
let seq = 0;
const event = (input: Record<string, unknown>): ThreadEvent =>
  ({ taskId: 't1', seq: ++seq, at, ...input }) as ThreadEvent;

describe('the merge subject', () => {
  it('keeps a short first line whole, without its trailing period', () => {
    expect(mergeSubject('Add a greeting module.\nwrite src/greeting.ts hello')).toBe('Add a greeting module');
  });

  it('cuts a long first line at a word, within 72 characters, with no ellipsis', () => {
    const prompt =
      'Write a test file containing "Hello from task A" and run the whole suite to see that nothing else breaks';
    const subject = mergeSubject(prompt);
    expect(subject.length).toBeLessThanOrEqual(maxSubjectLength);
    expect(subject).toBe('Write a test file containing "Hello from task A" and run the whole suite');
    expect(prompt.startsWith(subject)).toBe(true);
    expect(subject).not.toContain('…');
  });

  it('cuts a single word longer than the limit where the limit falls', () => {
    expect(mergeSubject(`Fetch ${'x'.repeat(100)}`)).toHaveLength(maxSubjectLength);
  });
});

describe('the default merge message', () => {
  it('has the prompt, what changed, the agent and the task in its body', () => {
    const prompt =
      'Write a test file containing "Hello from task A" and run the whole suite to see that nothing else breaks';
    const message = defaultMergeMessage({
      taskId: 'abc123',
      prompt,
      branch: 'flotilla/write-a-test-abc123',
      agent: 'builtin',
      model: 'anthropic:claude-sonnet-4-6',
      changes: { files: ['test/a.test.ts', 'README.md'], additions: 12, deletions: 1 },
      finalMessage: 'Added test/a.test.ts; the suite passes.',
    });
    const [subject, blank, ...body] = message.split('\n');
    expect(subject).toBe(mergeSubject(prompt));
    expect(blank).toBe('');
    const text = body.join('\n');
    expect(text).toContain(prompt);
    expect(text).toContain('2 files changed: 12 lines added, 1 removed:\n- test/a.test.ts\n- README.md');
    expect(text).toContain("The agent's summary:\nAdded test/a.test.ts; the suite passes.");
    expect(text).toContain(
      'Flotilla task abc123 (branch flotilla/write-a-test-abc123; agent builtin, anthropic:claude-sonnet-4-6)',
    );
  });

  it('leaves out a long final message and a prompt the subject already says', () => {
    const message = defaultMergeMessage({
      taskId: 't',
      prompt: 'Fix the typo',
      branch: 'b',
      agent: 'scripted',
      model: null,
      changes: null,
      finalMessage: 'x'.repeat(2000),
    });
    expect(message).toBe('Fix the typo\n\nMerged from Flotilla task t (branch b; agent scripted).');
  });
});

describe("the agent's final message", () => {
  it('is what the last turn said after its last tool call', () => {
    const events = [
      event({ type: 'turn.started', turn: 1 }),
      event({ type: 'agent.text', text: 'I will edit it. ' }),
      event({ type: 'tool.started', callId: 'c', name: 'write', input: {} }),
      event({ type: 'agent.text', text: 'Done: ' }),
      event({ type: 'agent.text', text: 'edited a.txt.' }),
      event({ type: 'turn.ended', turn: 1, reason: 'completed', message: null }),
    ];
    expect(finalAgentMessage(events)).toBe('Done: edited a.txt.');
    expect(
      finalAgentMessage([
        ...events,
        event({ type: 'turn.started', turn: 2 }),
        event({ type: 'turn.ended', turn: 2, reason: 'completed', message: null }),
      ]),
    ).toBeNull();
  });
});
