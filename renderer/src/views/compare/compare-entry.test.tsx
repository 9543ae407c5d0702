// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../app.js';
import { useStore } from '../../store/store.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { groupOf, ranking } from '../../../../testing/renderer/compare-fixtures.js';

afterEach(cleanup);

function loadGroup() {
  const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
  const tasks = Object.values(groupOf(ranking(['a2', 'a1', 'a3']))).map((task) => ({ ...task, repoId: 'r1' }));
  loadStore(client, [sampleRepo()], [...tasks, sampleTask({ id: 'lone', status: 'done' })]);
  return client;
}

describe('reaching the compare view', () => {
  it('opens from the sidebar’s group heading, whose words stay the heading’s', () => {
    loadGroup();
    render(<App />);
    const heading = screen.getByTestId('task-group');
    expect(heading.textContent).toBe('3 attempts');
    fireEvent.click(screen.getByRole('button', { name: 'Compare the 3 attempts' }));
    expect(screen.getByTestId('compare-view').dataset.groupId).toBe('g');
    expect(screen.getAllByTestId('compare-attempt').map((card) => card.dataset.taskId)).toEqual(['a2', 'a1', 'a3']);
    expect(screen.getByTestId('group-compare').getAttribute('aria-current')).toBe('page');
  });

  it('opens from any attempt’s header with "Compare attempts"; a task on its own has none', () => {
    loadGroup();
    render(<App />);
    act(() => useStore.getState().selectTask('a3'));
    fireEvent.click(screen.getByTestId('compare-attempts'));
    expect(screen.getByTestId('compare-view').dataset.groupId).toBe('g');
    act(() => useStore.getState().selectTask('lone'));
    expect(screen.getByTestId('thread-header')).toBeTruthy();
    expect(screen.queryByTestId('compare-attempts')).toBeNull();
  });

  it('lists the group on the overview while nobody has picked from it, with where it stands', () => {
    loadGroup();
    render(<App />);
    const row = screen.getByTestId('overview-group');
    expect(row.textContent).toBe('Add a greeting3 tasks · Ranked by compatible:scenario:judgeRanks: a2 firstCompare ›');
    fireEvent.click(row);
    expect(screen.getByTestId('compare-view').dataset.groupId).toBe('g');
    act(() =>
      useStore.setState((state) => ({ tasks: { ...state.tasks, a2: { ...state.tasks.a2!, status: 'merged' } } })),
    );
    act(() => useStore.getState().showView('overview'));
    expect(screen.queryByTestId('overview-groups')).toBeNull();
  });
});
