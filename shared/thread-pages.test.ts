import { describe, expect, it } from 'vitest';
import type { ThreadEvent, ThreadEventInput } from './events.js';
import { ThreadBuilder } from './thread-builder.js';
import type { ThreadItem } from './thread-items.js';
import { foldEarlierPage, seamOf, type PageSeam } from './thread-pages.js';

const usage: ThreadEventInput = {
  type: 'usage',
  model: 'm',
  inputTokens: 100,
  outputTokens: 10,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0.5,
};

const inputs: ThreadEventInput[] = [
  { type: 'user.message', text: 'Fix the parser' },
  { type: 'turn.started', turn: 1 },
  { type: 'agent.text', text: 'Let me ' },
  { type: 'agent.text', text: 'look.' },
  { type: 'tool.started', callId: 'c1', name: 'bash', input: { command: 'ls' } },
  { type: 'tool.output', callId: 'c1', text: 'a\n' },
  usage,
  { type: 'tool.output', callId: 'c1', text: 'b\n' },
  { type: 'agent.reasoning', text: 'Two ' },
  { type: 'agent.reasoning', text: 'files.' },
  { type: 'tool.finished', callId: 'c1', ok: true, result: 'listed', durationMs: 4 },
  { type: 'approval.requested', requestId: 'r1', tool: 'bash', input: {}, summary: 'rm -rf build' },
  { type: 'approval.resolved', requestId: 'r1', decision: 'approve', by: 'user' },
  { type: 'agent.text', text: 'Done ' },
  usage,
  { type: 'agent.text', text: 'now.' },
  { type: 'turn.ended', turn: 1, reason: 'completed', message: null },
  { type: 'status.changed', status: 'done', previous: 'running', message: null },
  { type: 'user.message', text: 'Once more' },
  { type: 'turn.started', turn: 2 },
  { type: 'tool.started', callId: 'c2', name: 'read', input: {} },
  { type: 'agent.text', text: 'Reading.' },
  { type: 'tool.finished', callId: 'c2', ok: false, result: 'missing', durationMs: 9 },
  usage,
  { type: 'turn.ended', turn: 2, reason: 'completed', message: null },
];
const events: ThreadEvent[] = inputs.map(
  (input, index) =>
    ({
      ...input,
      taskId: 't',
      seq: index + 1,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
    }) as ThreadEvent,
);

/** What a person sees; ids name the first event loaded of an item, which differs when text joins across pages. */
const shown = (items: readonly ThreadItem[]) => items.map(({ id: _id, ...rest }) => rest);

/** Folds the thread as the window does: the last page first, then each earlier page in turn. */
function foldInPages(cuts: number[]): ThreadItem[] {
  const bounds = [0, ...cuts, events.length];
  const tail = new ThreadBuilder();
  tail.apply(events.slice(bounds.at(-2), bounds.at(-1)));
  let older: ThreadItem[] = [];
  let seam: PageSeam = seamOf(tail);
  for (let page = bounds.length - 3; page >= 0; page -= 1) {
    const folded = foldEarlierPage(events.slice(bounds[page], bounds[page + 1]), seam, older[0] ?? tail.items[0]);
    for (const [id, revise] of folded.revisions) {
      const index = older.findIndex((item) => item.id === id);
      if (index !== -1) older[index] = revise(older[index] as ThreadItem);
      else expect(tail.revise(id, revise)).toBe(true);
    }
    older = [...folded.items, ...older];
    seam = folded.seam;
  }
  return [...older, ...tail.items];
}

describe('folding a thread page by page from its end', () => {
  const whole = new ThreadBuilder();
  whole.apply(events);

  it('reads the same as one fold, wherever one page ends and the next begins', () => {
    for (let cut = 1; cut < events.length; cut += 1)
      expect(shown(foldInPages([cut])), `cut at ${cut}`).toEqual(shown(whole.items));
  });

  it('reads the same across three pages, a tool and a turn spanning all of them', () => {
    for (const cuts of [
      [5, 9],
      [3, 14],
      [6, 8],
      [11, 16],
      [2, 21],
    ])
      expect(shown(foldInPages(cuts)), `cuts at ${cuts.join(', ')}`).toEqual(shown(whole.items));
  });

  it('shows a last page that starts mid-turn without errors: a finished tool waits for its start', () => {
    const tail = new ThreadBuilder();
    tail.apply(events.slice(7));
    expect(tail.items[0]).toMatchObject({ kind: 'reasoning', text: 'Two files.' });
    expect(tail.items.some((item) => item.kind === 'tool' && item.callId === 'c1')).toBe(false);
    expect(tail.items.find((item) => item.kind === 'turnEnded')).toMatchObject({ turn: 1, tokens: 110 });
    expect(seamOf(tail)).toMatchObject({ turnEnd: 'turn-17', orphans: [{ callId: 'c1' }, { callId: 'c1' }] });
  });
});
