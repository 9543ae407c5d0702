import { describe, expect, it } from 'vitest';
import type { ThreadEvent, ThreadEventInput } from '../shared/events.js';
import { EventPrinter } from './format-event.js';

function stream(): (input: ThreadEventInput) => ThreadEvent {
  let seq = 0;
  return (input) => ({ ...input, taskId: 't1', seq: ++seq, at: '2025-01-01T00:00:00.000Z' }) as ThreadEvent;
}

describe('the thread as the CLI prints it', () => {
  it("prints a teammate's message as the teammate's, not the person's", () => {
    const next = stream();
    const printer = new EventPrinter();
    const text = 'Message from teammate Docs (task abc):\nDone with the docs.';
    expect(printer.push(next({ type: 'user.message', text, origin: 'teammate', from: 'abc' }))).toBe(
      'teammate: Message from teammate Docs (task abc):\nteammate: Done with the docs.\n',
    );
  });

  it('marks a follow-up sent during a turn as queued, and says when it was cancelled or dropped by a stop', () => {
    const next = stream();
    const printer = new EventPrinter();
    const print = (...inputs: ThreadEventInput[]) => inputs.map((input) => printer.push(next(input))).join('');
    expect(print({ type: 'user.message', text: 'Fix it' }, { type: 'turn.started', turn: 1 })).toBe(
      'you: Fix it\nturn 1 started\n',
    );
    const cancelled = next({ type: 'user.message', text: 'Rename it too' });
    expect(printer.push(cancelled)).toBe('you (queued): Rename it too\n');
    expect(print({ type: 'user.message', text: 'And test it' })).toBe('you (queued): And test it\n');
    expect(print({ type: 'message.cancelled', messageSeq: cancelled.seq })).toBe(
      'cancelled your queued message: Rename it too\n',
    );
    expect(
      print(
        { type: 'turn.ended', turn: 1, reason: 'stopped', message: null },
        { type: 'status.changed', status: 'stopped', previous: 'running', message: null },
      ),
    ).toBe('turn 1 ended: stopped\nstatus stopped\nqueued message not sent, the task stopped first: And test it\n');
    expect(print({ type: 'user.message', text: 'Go on' })).toBe('you: Go on\n');
  });

  it('names the tool a result belongs to, and says nothing about a message that was never shown as queued', () => {
    const next = stream();
    const printer = new EventPrinter();
    const print = (...inputs: ThreadEventInput[]) => inputs.map((input) => printer.push(next(input))).join('');
    expect(print({ type: 'user.message', text: 'List the files' })).toBe('you: List the files\n');
    expect(print({ type: 'status.changed', status: 'stopped', previous: 'queued', message: null })).toBe(
      'status stopped\n',
    );
    expect(
      print(
        { type: 'turn.started', turn: 1 },
        { type: 'tool.started', callId: 'c1', name: 'glob', input: { pattern: '*' } },
      ),
    ).toBe('turn 1 started\ntool glob {"pattern":"*"}\n');
    expect(print({ type: 'tool.finished', callId: 'c1', ok: true, result: 'a.txt', durationMs: 12 })).toBe(
      'tool glob ok (12 ms): a.txt\n',
    );
  });

  it('prints a verify round: the run, its output, the failure sent back as "retry 1 of 2", then verified', () => {
    const next = stream();
    const printer = new EventPrinter();
    const print = (...inputs: ThreadEventInput[]) => inputs.map((input) => printer.push(next(input))).join('');
    const result = {
      passed: false,
      outcome: 'failed' as const,
      exitCode: 1,
      durationMs: 1200,
      command: 'npm test',
      outputTail: '1 failing\n',
      outputChars: 10,
      commit: 'abc',
      at: '2025-01-01T00:00:00.000Z',
    };
    expect(
      print(
        { type: 'verify.started', command: 'npm test', commit: 'abc', trigger: 'turn', retry: 0, retries: 2 },
        { type: 'verify.output', text: '1 failing\n' },
        { type: 'verify.finished', result, willRetry: true, retry: 0, retries: 2 },
        {
          type: 'user.message',
          text: 'The checks failed after your changes: `npm test` exited 1.\n\nOutput:',
          origin: 'verify',
        },
      ),
    ).toBe(
      'verify: running `npm test`\n  verify | 1 failing\n' +
        'verify: `npm test` exited 1 after 1.2 s — Verify failed, retry 1 of 2\n' +
        'to the agent: The checks failed after your changes: `npm test` exited 1.\n',
    );
    expect(
      print(
        { type: 'verify.started', command: 'npm test', commit: 'def', trigger: 'turn', retry: 1, retries: 2 },
        {
          type: 'verify.finished',
          result: { ...result, passed: true, outcome: 'passed', exitCode: 0, commit: 'def' },
          willRetry: false,
          retry: 1,
          retries: 2,
        },
      ),
    ).toBe('verify: running `npm test` after retry 1 of 2\nverify: `npm test` passed in 1.2 s — verified\n');
  });
});
