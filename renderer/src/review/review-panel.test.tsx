// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DiffFile } from '../../../shared/diff.js';
import { useStore } from '../store/store.js';
import { ReviewPanel } from './review-panel.js';
import {
  fakeClient,
  makeDiff,
  makeFile,
  makeTask,
  type FakeHandlers,
} from '../../../testing/renderer/review-fixtures.js';

// jsdom does no layout: give the scroller a 600 px viewport and every measured row 120 px, as a browser would.
const restore: (() => void)[] = [];
beforeAll(() => {
  const stub = (target: object, name: string, descriptor: PropertyDescriptor) => {
    const before = Object.getOwnPropertyDescriptor(target, name);
    Object.defineProperty(target, name, { configurable: true, ...descriptor });
    restore.push(() =>
      before ? Object.defineProperty(target, name, before) : delete (target as Record<string, unknown>)[name],
    );
  };
  stub(HTMLElement.prototype, 'clientHeight', { get: () => 600 });
  stub(HTMLElement.prototype, 'clientWidth', { get: () => 800 });
  stub(HTMLElement.prototype, 'offsetHeight', { get: () => 120 });
});
afterAll(() => restore.forEach((undo) => undo()));
afterEach(() => {
  cleanup();
  useStore.setState({ reviews: {}, tasks: {}, client: null });
});

function showPanel(files: DiffFile[], handlers: FakeHandlers = {}) {
  const client = fakeClient({
    'task/diff': () => ({ diff: makeDiff(files) }),
    'task/get': () => ({ task: makeTask() }),
    ...handlers,
  });
  useStore.setState({ client });
  render(<ReviewPanel taskId="task-1" />);
  return client;
}

describe('ReviewPanel', () => {
  it('renders only a window of a 500-file, 20,000-line diff', async () => {
    const files = Array.from({ length: 500 }, (_, index) =>
      makeFile(
        `pkg${index % 50}/file${String(index).padStart(3, '0')}.ts`,
        Array.from({ length: 40 }, (_, line) => (line % 2 ? `+added ${line}` : ` kept ${line}`)),
      ),
    );
    showPanel(files);
    expect(await screen.findByTestId('review-totals')).toHaveProperty(
      'textContent',
      expect.stringContaining('500 files changed'),
    );
    // 600 px of 24 px tree rows, plus overscan: far fewer than the 550 folders and files.
    const treeRows = screen.getAllByRole('treeitem').length;
    expect(treeRows).toBeGreaterThan(20);
    expect(treeRows).toBeLessThan(60);
    const shownFiles = document.querySelectorAll('[data-testid="diff-file"]').length;
    expect(shownFiles).toBeGreaterThan(0);
    expect(shownFiles).toBeLessThan(10);
    expect(document.querySelectorAll('.diff-line').length).toBeLessThan(400);
  });

  it('opens on the diff prefetched with the thread, without asking the engine again', async () => {
    const client = fakeClient({
      'task/diff': () => ({ diff: makeDiff([makeFile('src/a.ts', ['+const count = 1;'])]) }),
    });
    useStore.setState({ client, tasks: { 'task-1': makeTask() } });
    await useStore.getState().prefetchDiff('task-1');
    render(<ReviewPanel taskId="task-1" />);
    expect(screen.getByTestId('review-totals').textContent).toContain('1 file changed');
    await act(async () => undefined);
    expect(screen.getByTestId('review-totals').textContent).not.toContain('refreshing');
    expect(client.calls.map((call) => call.method)).toEqual(['task/diff']);
  });

  it('opens a comment box from a line number, shows the comment inline, and sends it with "Request changes"', async () => {
    const client = showPanel([makeFile('src/a.ts', [' keep', '-const x = 1;', '+const count = 1;'])], {
      'task/send': () => ({ task: makeTask({ status: 'running' }) }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Comment on src/a.ts line 2' }));
    // The box has its own name, so it is not mistaken for the line's button.
    const box = screen.getByRole('textbox', { name: 'Comment text for src/a.ts line 2' });
    expect(screen.getAllByRole('button', { name: 'Comment on src/a.ts line 2' })).toHaveLength(1);
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: 'Call it total.' } });
    fireEvent.click(screen.getByTestId('review-comment-submit'));

    expect(screen.getByTestId('review-comment').textContent).toContain('Call it total.');
    const request = screen.getByTestId('review-request-changes');
    expect(request.textContent).toBe('Request changes (1)');
    await act(async () => fireEvent.click(request));
    expect(client.calls.find((call) => call.method === 'task/send')?.params).toEqual({
      taskId: 'task-1',
      text: 'Please address this review comment on your changes:\n\nsrc/a.ts\n- src/a.ts:2 — `const count = 1;` — Call it total.\n',
    });
    expect(screen.queryByTestId('review-comment')).toBeNull();
    expect(request.textContent).toBe('Request changes (0)');
  });

  it('says "Binary file changed" for binary files and ends truncated files with the engine marker', async () => {
    showPanel([
      makeFile('logo.png', [], { binary: true, hunks: [], additions: 0, deletions: 0 }),
      makeFile('big.ts', ['+a'], { truncated: { reason: 'The file is too long.', omittedLines: 7 } }),
    ]);
    const notices = await screen.findAllByTestId('diff-notice');
    expect(notices.map((notice) => notice.textContent)).toEqual([
      '… 7 more lines not shown: The file is too long.',
      'Binary file changed',
    ]);
  });

  it('reloads the diff when the task changes state, e.g. when the agent finishes a turn', async () => {
    const client = showPanel([makeFile('src/a.ts', ['+a'])]);
    await screen.findByTestId('review-totals');
    const diffLoads = () => client.calls.filter((call) => call.method === 'task/diff').length;
    expect(diffLoads()).toBe(1);
    await act(async () =>
      useStore.setState({
        tasks: { 'task-1': makeTask({ status: 'running', updatedAt: '2030-01-01T00:00:00.000Z' }) },
      }),
    );
    await act(async () =>
      useStore.setState({ tasks: { 'task-1': makeTask({ status: 'done', updatedAt: '2030-01-01T00:01:00.000Z' }) } }),
    );
    expect(diffLoads()).toBe(3);
  });

  it('switches between unified and split layouts', async () => {
    showPanel([makeFile('src/a.ts', ['-old', '+new'])]);
    await screen.findByRole('button', { name: 'Comment on src/a.ts line 1' });
    expect(document.querySelector('.diff-unified')).not.toBeNull();
    fireEvent.click(screen.getByTestId('review-view-split'));
    expect(document.querySelector('.diff-split')).not.toBeNull();
    expect(screen.getByTestId('review-view-split').getAttribute('aria-pressed')).toBe('true');
  });

  it('moves through the file tree with the keyboard and opens files with Enter', async () => {
    showPanel([makeFile('src/a.ts', ['+a']), makeFile('src/b.ts', ['+b'])]);
    const tree = await screen.findByRole('tree', { name: 'Changed files' });
    const active = () => document.getElementById(tree.getAttribute('aria-activedescendant') ?? '');
    tree.focus();
    const folder = within(tree).getByTestId('review-tree-folder');
    expect(active()).toBe(folder);
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(active()?.dataset.path).toBe('src/a.ts');
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    fireEvent.keyDown(tree, { key: 'Enter' });
    expect(
      within(tree)
        .getAllByTestId('review-tree-file')
        .map((item) => item.getAttribute('aria-selected')),
    ).toEqual(['false', 'true']);
    expect(useStore.getState().reviews['task-1']?.selectedPath).toBe('src/b.ts');

    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(active()).toBe(folder);
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(folder.getAttribute('aria-expanded')).toBe('false');
    expect(within(tree).queryAllByTestId('review-tree-file')).toHaveLength(0);
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(within(tree).getAllByTestId('review-tree-file')).toHaveLength(2);
  });
});
