// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { useStore } from '../../store/store.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { eventStream, sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { Sidebar } from './sidebar.js';

afterEach(cleanup);

function statusOf(taskId: string): string {
  const row = screen.getAllByTestId('task-row').find((element) => element.dataset.taskId === taskId);
  if (!row) throw new Error(`no row for ${taskId}`);
  return within(row).getByTestId('task-status').textContent ?? '';
}

describe('sidebar', () => {
  it('shows each task’s status live as events arrive, with the current phase while preparing', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 't1', title: 'Fix the login form' })]);
    render(<Sidebar />);
    expect(screen.getByText('Fix the login form')).toBeTruthy();
    expect(statusOf('t1')).toBe('Queued');

    const next = eventStream('t1');
    act(() =>
      client.emit([
        next({ type: 'status.changed', status: 'preparing', previous: 'queued', message: null }),
        next({ type: 'phase.changed', phase: 'addWorktree', state: 'started', durationMs: null, detail: null }),
      ]),
    );
    expect(statusOf('t1')).toBe('Preparing: creating the worktree');
    act(() =>
      client.emit([next({ type: 'status.changed', status: 'awaitingApproval', previous: 'preparing', message: null })]),
    );
    expect(statusOf('t1')).toBe('Waiting for approval');
    act(() =>
      client.emit([next({ type: 'status.changed', status: 'done', previous: 'awaitingApproval', message: null })]),
    );
    expect(statusOf('t1')).toBe('Done');
  });

  it('lists new tasks as they are created, groups sibling attempts, and filters by status', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(
      client,
      [sampleRepo()],
      [sampleTask({ id: 'old', status: 'done', title: 'Old work', createdAt: '2024-12-01T00:00:00.000Z' })],
    );
    render(<Sidebar />);
    act(() =>
      client.emit(
        ['a1', 'a2'].map((id, index) =>
          eventStream(id)({
            type: 'task.created',
            task: sampleTask({
              id,
              title: `Attempt ${index + 1}`,
              groupId: 'g1',
              agent: index === 0 ? 'scripted' : 'builtin',
              createdAt: `2025-01-01T00:00:0${index}.000Z`,
            }),
          }),
        ),
      ),
    );
    expect(screen.getByTestId('task-group').textContent).toBe('2 tasks comparing agents');
    expect(screen.getAllByTestId('task-row').map((row) => row.dataset.taskId)).toEqual(['a1', 'a2', 'old']);
    // Siblings say which agent each is, to compare them; a lone task does not need to.
    expect(screen.getAllByTestId('task-agent').map((label) => label.textContent)).toEqual([
      'Scripted test agent',
      'Flotilla agent',
    ]);

    fireEvent.change(screen.getByLabelText('Filter tasks by status'), { target: { value: 'active' } });
    expect(screen.getAllByTestId('task-row').map((row) => row.dataset.taskId)).toEqual(['a1', 'a2']);
    fireEvent.change(screen.getByLabelText('Filter tasks by status'), { target: { value: 'done' } });
    expect(screen.getAllByTestId('task-row').map((row) => row.dataset.taskId)).toEqual(['old']);

    fireEvent.click(screen.getByText('Old work'));
    expect(useStore.getState()).toMatchObject({ view: 'task', selectedTaskId: 'old' });
  });

  it('narrows the list to tasks matching every word typed in the search box; Esc and “Clear search” bring them all back', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(
      client,
      [sampleRepo(), sampleRepo({ id: 'r2', name: 'api', path: '/code/api' })],
      [
        sampleTask({
          id: 'login',
          title: 'Fix the login form',
          prompt: 'Submit does nothing on Safari',
          createdAt: '2025-01-03T00:00:00.000Z',
        }),
        sampleTask({
          id: 'docs',
          title: 'Update the README',
          branch: 'flotilla/docs-refresh',
          createdAt: '2025-01-02T00:00:00.000Z',
        }),
        sampleTask({
          id: 'rate',
          repoId: 'r2',
          title: 'Add rate limiting',
          prompt: 'Limit login attempts',
          createdAt: '2025-01-01T00:00:00.000Z',
        }),
      ],
    );
    render(<Sidebar />);
    const rowIds = () => screen.getAllByTestId('task-row').map((row) => row.dataset.taskId);
    const repoIds = () => screen.getAllByTestId('repo-heading').map((heading) => heading.dataset.repoId);
    const box = screen.getByLabelText('Search tasks') as HTMLInputElement;
    expect(box.type).toBe('search');

    fireEvent.change(box, { target: { value: 'LOGIN' } });
    expect(rowIds()).toEqual(['login', 'rate']);
    fireEvent.change(box, { target: { value: 'safari login' } });
    expect(rowIds()).toEqual(['login']);
    expect(repoIds()).toEqual(['r1']);
    fireEvent.change(box, { target: { value: 'docs-refresh' } });
    expect(rowIds()).toEqual(['docs']);
    // The ⌘1…9 hints number the rows that are shown: the second task is now the first.
    expect(within(screen.getByTestId('task-row')).getByText('1')).toBeTruthy();
    expect(screen.queryByTestId('sidebar-no-match')).toBeNull();

    fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.value).toBe('');
    expect(rowIds()).toEqual(['login', 'docs', 'rate']);
    expect(repoIds()).toEqual(['r1', 'r2']);

    fireEvent.change(box, { target: { value: 'nothing like this' } });
    expect(screen.queryAllByTestId('task-row')).toEqual([]);
    expect(repoIds()).toEqual(['r1', 'r2']);
    expect(screen.getByTestId('sidebar-no-match').textContent).toContain('No tasks match “nothing like this”.');
    fireEvent.click(within(screen.getByTestId('sidebar-no-match')).getByRole('button', { name: 'Clear search' }));
    expect(box.value).toBe('');
    expect(document.activeElement).toBe(box);
    expect(rowIds()).toEqual(['login', 'docs', 'rate']);
    expect(screen.queryByTestId('sidebar-no-match')).toBeNull();
  });

  it('says how many of a group’s attempts a search leaves', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    const attempts = ['a1', 'a2', 'a3'].map((id, index) =>
      sampleTask({
        id,
        groupId: 'g1',
        branch: `flotilla/${index < 2 ? 'index' : 'cache'}-${id}`,
        createdAt: `2025-01-01T00:00:0${index}.000Z`,
      }),
    );
    loadStore(client, [sampleRepo()], attempts);
    render(<Sidebar />);
    expect(screen.getByTestId('task-group').textContent).toBe('3 attempts');
    fireEvent.change(screen.getByLabelText('Search tasks'), { target: { value: 'index' } });
    expect(screen.getByTestId('task-group').textContent).toBe('2 of 3 attempts');
    expect(screen.getAllByTestId('task-row').map((row) => row.dataset.taskId)).toEqual(['a1', 'a2']);
  });

  it('focuses the search box on "/" outside text fields, and leaves a "/" typed elsewhere alone', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 't1' })]);
    render(
      <>
        <Sidebar />
        <textarea aria-label="Elsewhere" />
      </>,
    );
    const box = screen.getByLabelText('Search tasks');
    fireEvent.keyDown(screen.getByLabelText('Elsewhere'), { key: '/' });
    expect(document.activeElement).not.toBe(box);
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(box);
    // With the box empty, Esc leaves it.
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(document.activeElement).not.toBe(box);
  });

  it('adds a repository, showing the engine’s error as it is', async () => {
    const client = scriptedClient({
      'repo/add': ({ path }) => {
        if (path === '/nope')
          throw Object.assign(new Error(), {
            code: 'folderMissing',
            message: 'There is no folder at /nope. Check the path and try again.',
          });
        return { repo: sampleRepo({ id: 'r9', name: 'fresh', path }), alreadyAdded: false };
      },
    });
    loadStore(client, [sampleRepo()]);
    render(<Sidebar />);
    fireEvent.click(screen.getByTestId('add-repo-button'));
    fireEvent.change(screen.getByLabelText('Repository path'), { target: { value: '/nope' } });
    fireEvent.click(screen.getByTestId('add-repo-submit'));
    expect((await screen.findByTestId('add-repo-error')).textContent).toBe(
      'There is no folder at /nope. Check the path and try again.',
    );
    fireEvent.change(screen.getByLabelText('Repository path'), { target: { value: '/code/fresh' } });
    fireEvent.click(screen.getByTestId('add-repo-submit'));
    expect(await screen.findByText('fresh')).toBeTruthy();
    expect(useStore.getState().repos.map((repo) => repo.id)).toEqual(['r1', 'r9']);
  });

  it('shows the lines a task changed once a checkpoint counts them, and keeps the last count', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 't1', status: 'running', title: 'Add a parser' })]);
    render(<Sidebar />);
    expect(screen.queryByTestId('task-changes')).toBeNull();

    const next = eventStream('t1');
    act(() =>
      client.emit([
        next({
          type: 'checkpoint',
          commit: 'c1',
          message: 'flotilla: turn 1 completed',
          changes: { files: 3, additions: 120, deletions: 7 },
        }),
      ]),
    );
    const changes = screen.getByTestId('task-changes');
    expect(changes.textContent).toContain('+120 −7');
    expect(changes.title).toBe('3 files changed: 120 lines added, 7 removed against its base');
    // A checkpoint from an older log, without a count, leaves the last one shown.
    act(() => client.emit([next({ type: 'checkpoint', commit: 'c2', message: 'flotilla: turn 2 completed' })]));
    expect(screen.getByTestId('task-changes').textContent).toContain('+120 −7');
    act(() =>
      client.emit([
        next({
          type: 'checkpoint',
          commit: 'c3',
          message: 'flotilla: turn 3 completed',
          changes: { files: 0, additions: 0, deletions: 0 },
        }),
      ]),
    );
    expect(screen.queryByTestId('task-changes')).toBeNull();
  });

  it('keeps only the rows near the view in the page when the home holds hundreds of tasks', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(client, [sampleRepo()], manyTasks(300));
    layOut();
    render(<Sidebar />);
    const rows = screen.getAllByTestId('task-row');
    // The newest first, as in a short list; the rest wait below until scrolled to.
    expect(rows[0]?.dataset.taskId).toBe('t299');
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByTestId('repo-heading').textContent).toContain('300');
  });

  it('renames a task in place: F2 opens its title as a field, Enter saves it through the engine, Esc keeps the old one', async () => {
    const client = scriptedClient({
      'task/events': () => ({ events: [] }),
      'task/rename': (params) => {
        const { taskId, title } = params as { taskId: string; title: string };
        return { task: sampleTask({ id: taskId, title, status: 'done' }) };
      },
    });
    loadStore(client, [sampleRepo()], [sampleTask({ id: 't1', title: 'Old title', status: 'done' })]);
    render(<Sidebar />);
    fireEvent.keyDown(screen.getByTestId('task-row'), { key: 'F2' });
    fireEvent.change(screen.getByTestId('task-rename-input'), { target: { value: 'Abandoned title' } });
    fireEvent.keyDown(screen.getByTestId('task-rename-input'), { key: 'Escape' });
    expect(screen.getByTestId('task-row').textContent).toContain('Old title');
    expect(client.calls.some((call) => call.method === 'task/rename')).toBe(false);

    fireEvent.keyDown(screen.getByTestId('task-row'), { key: 'F2' });
    expect((screen.getByTestId('task-rename-input') as HTMLInputElement).value).toBe('Old title');
    fireEvent.change(screen.getByTestId('task-rename-input'), { target: { value: 'New title' } });
    await act(async () => {
      fireEvent.keyDown(screen.getByTestId('task-rename-input'), { key: 'Enter' });
    });
    expect(client.calls.find((call) => call.method === 'task/rename')?.params).toEqual({
      taskId: 't1',
      title: 'New title',
    });
    expect(screen.getByTestId('task-row').textContent).toContain('New title');
  });

  it('keeps a title being typed, and an open delete dialog, when the row leaves the windowed list and comes back', () => {
    const client = scriptedClient({ 'task/events': () => ({ events: [] }) });
    loadStore(client, [sampleRepo()], manyTasks(300));
    layOut();
    render(<Sidebar />);
    const list = screen.getByRole('navigation', { name: 'Tasks' });
    fireEvent.keyDown(rowOf('t299'), { key: 'F2' });
    fireEvent.change(screen.getByTestId('task-rename-input'), { target: { value: 'Half-typed title' } });
    fireEvent.contextMenu(rowOf('t298'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete…' }));
    expect(screen.getByTestId('discard-confirm')).toBeTruthy();

    act(() => {
      list.scrollTop = 48 * 150;
      fireEvent.scroll(list);
    });
    expect(screen.queryByTestId('task-rename-input')).toBeNull();
    expect(screen.getAllByTestId('task-row').some((row) => row.dataset.taskId === 't299')).toBe(false);
    expect(screen.getByTestId('discard-confirm')).toBeTruthy();

    act(() => {
      list.scrollTop = 0;
      fireEvent.scroll(list);
    });
    expect((screen.getByTestId('task-rename-input') as HTMLInputElement).value).toBe('Half-typed title');
  });
});

function manyTasks(count: number) {
  return Array.from({ length: count }, (_, index) =>
    sampleTask({
      id: `t${index}`,
      title: `Stored task ${index}`,
      status: 'done',
      createdAt: new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString(),
    }),
  );
}

/** jsdom lays nothing out: the list gets the height a window would give it, each row a row's. */
function layOut(): void {
  for (const [name, value] of [
    ['clientHeight', 600],
    ['offsetHeight', 48],
  ] as const) {
    const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, name);
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
    onTestFinished(() => {
      if (own) Object.defineProperty(HTMLElement.prototype, name, own);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
    });
  }
}

function rowOf(taskId: string): HTMLElement {
  const row = screen.getAllByTestId('task-row').find((element) => element.dataset.taskId === taskId);
  if (!row) throw new Error(`no row for ${taskId}`);
  return row;
}
