// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { rankingRule } from '../../../../shared/ranking.js';
import { useStore } from '../../store/store.js';
import { ClientError } from '../../transport/client-error.js';
import { fakeClient, makeTask } from '../../../../testing/renderer/review-fixtures.js';
import { attempt, groupOf, passed, ranking } from '../../../../testing/renderer/compare-fixtures.js';
import { CompareView } from './compare-view.js';

afterEach(() => {
  cleanup();
  useStore.setState({ tasks: {}, client: null, groupActions: {}, reviews: {}, view: 'overview', agents: [] });
});

function cards() {
  return screen.getAllByTestId('compare-attempt');
}

describe('the compare view of a group', () => {
  it('shows the attempts best first with rank, score, verdict, strengths and risks, and the judge apart', () => {
    useStore.setState({
      tasks: groupOf(ranking(['a3', 'a1', 'a2'])),
      agents: [{ id: 'builtin', name: 'Flotilla agent' } as never],
    });
    render(<CompareView groupId="g" />);
    expect(cards().map((card) => card.dataset.taskId)).toEqual(['a3', 'a1', 'a2']);
    const best = within(cards()[0]!);
    expect(best.getByTestId('compare-rank').textContent).toBe('#1');
    expect(best.getByTestId('compare-score').textContent).toBe('9/10');
    expect(best.getByTestId('compare-verdict').textContent).toBe('The best of the attempts.');
    expect(best.getByTestId('compare-strengths').textContent).toBe('Complete and careful');
    expect(best.getByText('Flotilla agent')).toBeTruthy();
    expect(best.getByTestId('compare-verify').textContent).toBe('Verified — `npm test` passed in 1.2 s');
    expect(best.getByTestId('compare-lines').textContent).toContain('+3');
    expect(best.getByTestId('compare-cost').textContent).toBe('$0.0300');
    expect(best.getByTestId('compare-tokens').textContent).toBe('4.1k');
    expect(within(cards()[1]!).getByTestId('compare-risks').textContent).toBe('Less thorough than the winner');
    expect(screen.getByTestId('compare-ranking-status').textContent).toBe('Ranked by compatible:scenario:judgeRanks');
    expect(screen.getByTestId('compare-judge-cost').textContent).toBe(
      "The judge's own use: 3.2k tokens, $0.0050 (not in any attempt's cost)",
    );
    expect(screen.getByTestId('compare-spent').textContent).toBe(
      'Group spent $0.0650 (attempts $0.0600 + judge $0.0050 + synthesis $0.00) · the winner alone $0.0300',
    );
    // The judge's winner is preselected for Pick.
    expect(best.getByRole('radio').getAttribute('aria-label')).toBe('Choose a3 to pick');
    expect((best.getByRole('radio') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId('compare-pick-button').textContent).toBe('Pick a3 and merge…');
    expect(screen.getByTestId('compare-judge').textContent).toBe('Judge again');
  });

  it('says the rule ranked them and why, without repeating the rule, and offers Settings for a judge', () => {
    const note = `No judge model is configured. Set a key. Ranked by the rule instead: ${rankingRule}.`;
    useStore.setState({ tasks: groupOf(ranking(['a1', 'a2', 'a3'], { by: 'rule', model: null, note })) });
    render(<CompareView groupId="g" />);
    expect(screen.getByTestId('compare-ranking-status').textContent).toBe(`Ranked by the rule: ${rankingRule}`);
    expect(screen.getByTestId('compare-ranking-why').textContent).toBe(
      'Why: No judge model is configured. Set a key. Choose a judge model in Settings',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Choose a judge model in Settings' }));
    expect(useStore.getState().view).toBe('settings');
  });

  it('says "Judging…" while the judge runs, and follows ranking.changed live to the ranked order', () => {
    const judging = ranking([], { state: 'judging', finishedAt: null });
    useStore.setState({ tasks: groupOf(judging) });
    render(<CompareView groupId="g" />);
    expect(screen.getByTestId('compare-ranking-status').textContent).toBe(
      'Judging with compatible:scenario:judgeRanks…',
    );
    expect((screen.getByTestId('compare-judge') as HTMLButtonElement).disabled).toBe(true);
    expect(cards().map((card) => card.dataset.rank)).toEqual(['', '', '']);
    const ranked = ranking(['a2', 'a3', 'a1']);
    act(() =>
      useStore.getState().ingestEvents(
        ['a1', 'a2', 'a3'].map((taskId, index) => ({
          type: 'ranking.changed',
          taskId,
          seq: 10 + index,
          at: '2030-01-01T00:02:00.000Z',
          groupId: 'g',
          ranking: ranked,
        })),
      ),
    );
    expect(cards().map((card) => card.dataset.taskId)).toEqual(['a2', 'a3', 'a1']);
    expect(screen.getByTestId('compare-ranking-status').textContent).toBe('Ranked by compatible:scenario:judgeRanks');
  });

  it('keeps the previous ranking, faded, while the judge ranks again', () => {
    useStore.setState({ tasks: groupOf(ranking(['a3', 'a1', 'a2'])) });
    render(<CompareView groupId="g" />);
    expect(screen.getByTestId('compare-grid').dataset.stale).toBeUndefined();
    const judging = ranking([], { state: 'judging', finishedAt: null, startedAt: '2030-01-01T00:05:00.000Z' });
    act(() => useStore.setState({ tasks: groupOf(judging) }));
    expect(screen.getByTestId('compare-ranking-status').textContent).toBe(
      'Judging with compatible:scenario:judgeRanks…',
    );
    expect(cards().map((card) => card.dataset.taskId)).toEqual(['a3', 'a1', 'a2']);
    expect(screen.getByTestId('compare-grid').dataset.stale).toBe('true');
  });

  it('shows a synthesis task as "Synthesis", ranked with the others, and a group stopped by its budget says so', () => {
    const rank = ranking(['s1', 'a1']);
    const tasks = {
      a1: attempt('a1', 1, 1, 0.01, { ranking: rank, groupStoppedBy: 'The group budget of $1.0000 was reached.' }),
      s1: attempt('s1', 5, 4, 0.02, { ranking: rank, groupRole: 'synthesis' }),
    };
    useStore.setState({ tasks });
    render(<CompareView groupId="g" />);
    expect(within(cards()[0]!).getByTestId('compare-synthesis').textContent).toBe('Synthesis');
    expect(screen.getByTestId('compare-stopped').textContent).toBe(
      "The group's budget stopped it: The group budget of $1.0000 was reached.",
    );
    expect(screen.getByTestId('compare-spent').textContent).toContain('synthesis $0.0200');
    expect((screen.getByTestId('compare-synthesize') as HTMLButtonElement).disabled).toBe(true);
  });

  it('opens an attempt’s diff in one click', () => {
    useStore.setState({ tasks: groupOf(ranking(['a3', 'a1', 'a2'])) });
    render(<CompareView groupId="g" />);
    fireEvent.click(within(cards()[1]!).getByTestId('compare-open-diff'));
    const state = useStore.getState();
    expect([state.view, state.selectedTaskId, state.taskTab]).toEqual(['task', 'a1', 'review']);
  });
});

describe('judging and synthesizing from the compare view', () => {
  it('judges again with group/judge and shows a judge that cannot be used clearly', async () => {
    const client = fakeClient({
      'group/judge': () => {
        throw new ClientError('judgeUnavailable', 'No judge model is configured. Set an Anthropic or OpenAI key.');
      },
    });
    useStore.setState({ client, tasks: groupOf(ranking(['a1', 'a2', 'a3'])) });
    render(<CompareView groupId="g" />);
    await act(async () => fireEvent.click(screen.getByTestId('compare-judge')));
    expect(client.calls).toEqual([{ method: 'group/judge', params: { taskId: 'a1' } }]);
    expect(screen.getByTestId('compare-judge-error').textContent).toBe(
      'No judge model can be used: No judge model is configured. Set an Anthropic or OpenAI key. Open Settings',
    );
  });

  it('starts the synthesis, which then shows in the view; Synthesize waits for a ranking', async () => {
    const synthesis = attempt('s1', 5, 0, 0, { groupRole: 'synthesis', status: 'running', changes: null });
    const client = fakeClient({
      'group/synthesize': () => ({ group: {} as never, task: synthesis }),
    });
    useStore.setState({ client, tasks: groupOf(null) });
    const { rerender } = render(<CompareView groupId="g" />);
    expect((screen.getByTestId('compare-synthesize') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('compare-ranking-status').textContent).toContain('Not ranked yet');
    act(() => useStore.setState({ tasks: groupOf(ranking(['a3', 'a2', 'a1'])) }));
    rerender(<CompareView groupId="g" />);
    await act(async () => fireEvent.click(screen.getByTestId('compare-synthesize')));
    expect(client.calls).toEqual([{ method: 'group/synthesize', params: { taskId: 'a1' } }]);
    expect(cards().map((card) => card.dataset.taskId)).toEqual(['a3', 'a2', 'a1', 's1']);
    expect(within(cards()[3]!).getByTestId('compare-synthesis')).toBeTruthy();
    expect((screen.getByTestId('compare-synthesize') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('picking an attempt', () => {
  it('merges the chosen one after a confirmation, honours the unverified refusal, then says what was archived', async () => {
    let forced = false;
    const client = fakeClient({
      'group/pick': (params) => {
        if (!params.forceUnverified)
          throw new ClientError(
            'unverified',
            'This repository requires passing checks to merge, and its checks failed. Run them with `flotilla verify a1`, or merge anyway with --force-unverified.',
          );
        forced = true;
        const task = makeTask({ ...groupOf(null).a1, status: 'merged', mergedInto: 'main' });
        return { task, commit: 'f'.repeat(40), into: 'main', discarded: ['a2', 'a3'] };
      },
    });
    useStore.setState({ client, tasks: groupOf(ranking(['a3', 'a1', 'a2'])) });
    render(<CompareView groupId="g" />);
    // The person chooses another attempt than the judge's winner.
    fireEvent.click(within(cards()[1]!).getByRole('radio'));
    fireEvent.click(screen.getByTestId('compare-pick-button'));
    expect(client.calls).toEqual([]);
    expect(screen.getByTestId('compare-pick-confirm').textContent).toContain(
      'Merge a1 into main and archive the other 2 attempts?',
    );
    await act(async () => fireEvent.click(screen.getByTestId('compare-pick-confirm-button')));
    expect(client.calls.map((call) => call.params)).toEqual([{ taskId: 'a1' }]);
    const refusal = screen.getByTestId('compare-pick-error');
    expect(refusal.dataset.code).toBe('unverified');
    expect(refusal.textContent).toContain('requires passing checks to merge');
    expect(refusal.textContent).toContain('Run the checks, or merge anyway.');
    expect(refusal.textContent).not.toContain('--force-unverified');
    await act(async () => fireEvent.click(screen.getByTestId('compare-pick-force')));
    expect(client.calls.map((call) => call.params)).toEqual([
      { taskId: 'a1' },
      { taskId: 'a1', forceUnverified: true },
    ]);
    expect(forced).toBe(true);
    expect(screen.getByTestId('compare-pick-result').textContent).toBe(
      'Merged a1 into main as ffffffffff. Archived a2, a3: each can be restored from its card or the discarded tasks.',
    );
  });

  it('runs the checks from the refusal, then offers Pick again', async () => {
    const client = fakeClient({
      'group/pick': () => {
        throw new ClientError('unverified', 'This repository requires passing checks to merge.');
      },
      'task/verify': ({ taskId }) => ({ task: groupOf(null)[taskId]!, result: passed('x') }),
    });
    useStore.setState({ client, tasks: groupOf(ranking(['a3', 'a1', 'a2'])) });
    render(<CompareView groupId="g" />);
    fireEvent.click(screen.getByTestId('compare-pick-button'));
    await act(async () => fireEvent.click(screen.getByTestId('compare-pick-confirm-button')));
    await act(async () => fireEvent.click(screen.getByTestId('compare-pick-check')));
    expect(client.calls.map((call) => [call.method, call.params])).toEqual([
      ['group/pick', { taskId: 'a3' }],
      ['task/verify', { taskId: 'a3' }],
    ]);
    expect(screen.getByTestId('compare-check-state').textContent).toBe('The checks of a3 passed.');
    expect(screen.queryByTestId('compare-pick-error')).toBeNull();
    expect(screen.getByTestId('compare-pick-button').textContent).toBe('Pick a3 and merge…');
  });

  it('offers Restore on a discarded attempt, and no pick once one of the group was merged', () => {
    const rank = ranking(['a3', 'a1', 'a2']);
    const tasks = groupOf(rank);
    tasks.a3 = { ...tasks.a3!, status: 'merged', mergedInto: 'main' };
    tasks.a1 = { ...tasks.a1!, status: 'discarded', hasWorktree: false };
    useStore.setState({ tasks });
    render(<CompareView groupId="g" />);
    expect(screen.queryByTestId('compare-pick-button')).toBeNull();
    expect(screen.getByTestId('compare-pick').textContent).toBe('a3 was already picked and merged into main.');
    expect(within(cards()[1]!).getByTestId('compare-restore').textContent).toBe('Restore');
    expect(within(cards()[2]!).queryByTestId('compare-restore')).toBeNull();
  });
});

describe('what the pick bar says without a choice', () => {
  it('names the winner that cannot be picked, or says none can be', () => {
    const rank = ranking(['a1', 'a2', 'a3']);
    const tasks = groupOf(rank);
    tasks.a1 = { ...tasks.a1!, changes: { files: 0, additions: 0, deletions: 0 } };
    useStore.setState({ tasks });
    render(<CompareView groupId="g" />);
    expect(screen.getByTestId('compare-pick').textContent).toBe(
      'The winner, a1, cannot be picked (This attempt changed nothing.); choose another attempt to merge.',
    );
    fireEvent.click(within(cards()[1]!).getByRole('radio'));
    expect(screen.getByTestId('compare-pick-button').textContent).toBe('Pick a2 and merge…');
    cleanup();
    const none = Object.fromEntries(
      Object.values(groupOf(rank)).map((task) => [task.id, { ...task, status: 'running' as const }]),
    );
    useStore.setState({ tasks: none });
    render(<CompareView groupId="g" />);
    expect(screen.getByTestId('compare-pick').textContent).toBe(
      'No attempt can be picked: none of them finished with changes.',
    );
  });
});
