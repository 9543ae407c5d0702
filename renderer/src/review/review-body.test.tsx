// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DiffFile } from '../../../shared/diff.js';
import { useStore } from '../store/store.js';
import { ReviewPanel } from './review-panel.js';
import { fakeClient, makeDiff, makeFile, makeTask } from '../../../testing/renderer/review-fixtures.js';

// jsdom does no layout: give the scrollers a viewport and rows a height, as a browser would.
const restore: (() => void)[] = [];
beforeAll(() => {
  const stub = (name: string, value: number) => {
    const before = Object.getOwnPropertyDescriptor(HTMLElement.prototype, name);
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
    restore.push(() => (before ? Object.defineProperty(HTMLElement.prototype, name, before) : undefined));
  };
  stub('clientHeight', 600);
  stub('clientWidth', 800);
  stub('offsetHeight', 40);
});
afterAll(() => restore.forEach((undo) => undo()));
afterEach(() => {
  cleanup();
  localStorage.clear();
  useStore.setState({ reviews: {}, tasks: {}, client: null, viewedMarks: {} });
});

/** Shows the review of task-1 with `versions` of its diff, one per load (the last one repeats). */
async function showReview(...versions: DiffFile[][]) {
  let load = 0;
  const client = fakeClient({
    'task/diff': () => ({ diff: makeDiff(versions[Math.min(load++, versions.length - 1)]!) }),
    'task/get': () => ({ task: makeTask() }),
  });
  useStore.setState({ client });
  render(<ReviewPanel taskId="task-1" />);
  await screen.findByTestId('review-viewed-count');
}

const treeFiles = () => within(screen.getByRole('tree', { name: 'Changed files' })).getAllByTestId('review-tree-file');

describe('the review’s file list', () => {
  it('marks files viewed, counts them, folds them away, and unmarks a file that changes again', async () => {
    await showReview(
      [makeFile('src/a.ts', ['+a']), makeFile('src/b.ts', ['+b'])],
      [makeFile('src/a.ts', ['+a', '+more']), makeFile('src/b.ts', ['+b'])],
    );
    expect(screen.getByTestId('review-viewed-count').textContent).toBe('0 of 2 viewed');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Viewed src/a.ts' }));
    expect(screen.getByTestId('review-viewed-count').textContent).toBe('1 of 2 viewed');
    expect(treeFiles().map((row) => row.dataset.viewed)).toEqual(['true', 'false']);
    // A viewed file folds to its header.
    expect(document.querySelectorAll('[data-testid="diff-line"][data-path="src/a.ts"]')).toHaveLength(0);
    expect(document.querySelectorAll('[data-testid="diff-line"][data-path="src/b.ts"]').length).toBeGreaterThan(0);
    // V in the tree marks the active file.
    const tree = screen.getByRole('tree', { name: 'Changed files' });
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    fireEvent.keyDown(tree, { key: 'v' });
    expect(screen.getByTestId('review-viewed-count').textContent).toBe('2 of 2 viewed');

    // The agent changes src/a.ts: it is no longer viewed; src/b.ts, unchanged, still is.
    await act(async () => fireEvent.click(screen.getByTestId('review-refresh')));
    expect(screen.getByTestId('review-viewed-count').textContent).toBe('1 of 2 viewed');
    expect(treeFiles().map((row) => row.dataset.viewed)).toEqual(['false', 'true']);
    expect(document.querySelectorAll('[data-testid="diff-line"][data-path="src/a.ts"]').length).toBeGreaterThan(0);
  });

  it('filters the tree and the diff with the filter box, and says when nothing matches', async () => {
    await showReview([
      makeFile('src/file10.ts', ['+a']),
      makeFile('src/file2.ts', ['+b']),
      makeFile('docs/guide.md', ['+c']),
    ]);
    expect(treeFiles().map((row) => row.dataset.path)).toEqual(['docs/guide.md', 'src/file2.ts', 'src/file10.ts']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter the changed files' }), { target: { value: 'SRC' } });
    expect(treeFiles().map((row) => row.dataset.path)).toEqual(['src/file2.ts', 'src/file10.ts']);
    expect(
      [...document.querySelectorAll<HTMLElement>('[data-testid="diff-file"]')].map((header) => header.dataset.path),
    ).toEqual(['src/file2.ts', 'src/file10.ts']);
    expect(screen.getByTestId('review-viewed-count').textContent).toBe('0 of 3 viewed · showing 2');
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter the changed files' }), {
      target: { value: 'nowhere' },
    });
    expect(screen.getByTestId('review-filter-empty').textContent).toBe('No changed file matches “nowhere”.');
  });
});
