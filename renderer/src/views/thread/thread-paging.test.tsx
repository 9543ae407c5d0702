// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandParams, CommandResult } from '../../../../shared/commands.js';
import type { ThreadEvent } from '../../../../shared/events.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { eventStream, sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { fakeLayout } from '../../../../testing/renderer/fake-layout.js';
import { useStore } from '../../store/store.js';
import { threadPageSize } from '../../store/threads-slice.js';
import { ThreadView } from './thread-view.js';

let restoreLayout: () => void = () => undefined;
beforeAll(() => {
  restoreLayout = fakeLayout();
});
afterAll(() => restoreLayout());
afterEach(cleanup);

function longThread(): ThreadEvent[] {
  const next = eventStream('t1');
  const history = [next({ type: 'user.message', text: 'The very first message' })];
  for (let step = 0; history.length < threadPageSize * 2 + 100; step += 1)
    history.push(
      next({ type: 'tool.started', callId: `c${step}`, name: 'read_file', input: { path: `src/${step}.ts` } }),
      next({ type: 'tool.finished', callId: `c${step}`, ok: true, result: `read ${step}`, durationMs: 1 }),
    );
  history.push(next({ type: 'agent.text', text: 'The last message' }));
  return history;
}

describe('a long thread in the window', () => {
  it('opens on its last page, says earlier messages are loading, and pages back to the first', async () => {
    const history = longThread();
    const waiting: (() => void)[] = [];
    const page = ({ beforeSeq, limit = threadPageSize }: CommandParams<'task/eventPage'>) => {
      const before = history.filter((event) => beforeSeq === undefined || event.seq < beforeSeq);
      const answer = { events: before.slice(Math.max(0, before.length - limit)), hasMore: before.length > limit };
      if (beforeSeq === undefined) return answer;
      // Earlier pages wait until the test lets them through, so the loading row can be seen.
      return new Promise<CommandResult<'task/eventPage'>>((resolve) => waiting.push(() => resolve(answer)));
    };
    const client = scriptedClient({ 'task/eventPage': page });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 't1', status: 'done' })]);
    render(<ThreadView taskId="t1" />);

    expect((await screen.findByTestId('thread-earlier')).textContent).toContain('Loading earlier messages…');
    expect(screen.queryByText('The very first message')).toBeNull();
    expect(screen.getAllByTestId('thread-item').length).toBeGreaterThan(0);
    for (let pages = 0; pages < 2; pages += 1) {
      await waitFor(() => expect(waiting).toHaveLength(1));
      waiting.shift()?.();
    }
    await waitFor(() => expect(screen.queryByTestId('thread-earlier')).toBeNull());
    // jsdom lays nothing out, so scrolling is the Chromium spec's (e2e/long-thread.spec.ts); here, the thread holds it all.
    expect(useStore.getState().threads.t1?.items[0]).toMatchObject({ kind: 'user', text: 'The very first message' });
    expect(useStore.getState().threads.t1?.items.at(-1)).toMatchObject({ text: 'The last message' });
    expect(client.calls.map((call) => (call.params as CommandParams<'task/eventPage'>).beforeSeq ?? 'tail')).toEqual([
      'tail',
      history.length - threadPageSize + 1,
      history.length - threadPageSize * 2 + 1,
    ]);
  });
});
