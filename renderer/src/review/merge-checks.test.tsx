// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRepoSettings } from '../../../shared/repo.js';
import type { VerifyResult } from '../../../shared/verify.js';
import { sampleRepo } from '../../../testing/renderer/app-state.js';
import {
  fakeClient,
  makeDiff,
  makeFile,
  makePreview,
  makeTask,
  type FakeHandlers,
} from '../../../testing/renderer/review-fixtures.js';
import { useStore } from '../store/store.js';
import { ClientError } from '../transport/client-error.js';
import { ReviewPanel } from './review-panel.js';

afterEach(() => {
  cleanup();
  useStore.setState(useStore.getInitialState(), true);
});

const failed: VerifyResult = {
  passed: false,
  outcome: 'failed',
  exitCode: 1,
  durationMs: 3_000,
  command: 'npm test',
  outputTail: 'FAIL',
  outputChars: 4,
  commit: 'd'.repeat(40),
  at: '2025-01-01T00:00:00.000Z',
};
const refusal =
  'This repository requires passing checks to merge, and its checks failed. Run them with `flotilla verify task-1`, or merge anyway with --force-unverified.';

async function openMerge(handlers: FakeHandlers) {
  const task = makeTask({ lastVerify: failed, lastCommit: 'd'.repeat(40) });
  const client = fakeClient({
    'task/diff': () => ({ diff: makeDiff([makeFile('src/a.ts', ['+a'])]) }),
    'task/get': () => ({ task }),
    ...handlers,
  });
  useStore.setState({
    client,
    tasks: { [task.id]: task },
    repos: [sampleRepo({ id: 'repo-1', settings: { ...defaultRepoSettings, verifyCommand: 'npm test' } })],
  });
  render(<ReviewPanel taskId="task-1" />);
  await screen.findByTestId('review-totals');
  fireEvent.click(screen.getByRole('button', { name: 'Merge…' }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByTestId('merge-preview');
  return { client, dialog };
}

const checks = (state: 'failed' | 'passed' | 'stale', result: VerifyResult | null = failed) => ({
  command: 'npm test',
  required: true,
  state,
  result,
});

describe('the merge dialog’s checks', () => {
  it('shows a failed result, takes the engine’s refusal without saying it merges cleanly, and merges anyway once confirmed', async () => {
    const { client, dialog } = await openMerge({
      'task/mergePreview': () => ({ preview: makePreview({ checks: checks('failed') }) }),
      'task/merge': (params) =>
        params.forceUnverified
          ? { task: makeTask({ status: 'merged' }), commit: 'e'.repeat(40), into: 'main', removedWorktree: null }
          : Promise.reject(new ClientError('unverified', refusal)),
    });
    expect(within(dialog).getByTestId('merge-checks').textContent).toBe(
      '✗ Checks failed on the commit being merged: npm test exited 1 after 3.0 s. This repository requires passing checks to merge.',
    );
    expect(within(dialog).getByTestId('merge-preview').textContent).toBe('No conflicts with main (1 file changed).');
    await act(async () => fireEvent.click(within(dialog).getByTestId('merge-confirm')));
    // In the window's words: the buttons below run the checks or merge anyway, so no CLI command is named.
    expect(within(dialog).getByTestId('merge-error').textContent).toBe(
      'This repository requires passing checks to merge, and its checks failed. Run the checks, or merge anyway.',
    );
    // The engine's message says the checks are required; the note no longer repeats it.
    expect(within(dialog).getByTestId('merge-checks').textContent).not.toContain('requires');
    expect(dialog.textContent).not.toContain('Merges cleanly');
    expect((within(dialog).getByTestId('merge-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(within(dialog).getByTestId('run-checks')).toBeTruthy();

    fireEvent.click(within(dialog).getByTestId('merge-anyway'));
    expect(client.calls.filter((call) => call.method === 'task/merge')).toHaveLength(1);
    await act(async () => fireEvent.click(within(dialog).getByTestId('merge-anyway-confirm-button')));
    expect(client.calls.filter((call) => call.method === 'task/merge').at(-1)?.params).toMatchObject({
      forceUnverified: true,
    });
    expect(within(dialog).getByTestId('merge-result').textContent).toContain('Merged into main');
  });

  it('runs the checks from the refusal, then previews again and merges on the passing result', async () => {
    let passed = false;
    const pass = { ...failed, passed: true, outcome: 'passed' as const, exitCode: 0 };
    const { client, dialog } = await openMerge({
      'task/mergePreview': () => ({
        preview: makePreview({ checks: passed ? checks('passed', pass) : checks('stale') }),
      }),
      'task/verify': () => {
        passed = true;
        return { task: makeTask({ lastVerify: pass }), result: pass };
      },
      'task/merge': () =>
        passed
          ? { task: makeTask({ status: 'merged' }), commit: 'e'.repeat(40), into: 'main', removedWorktree: null }
          : Promise.reject(new ClientError('unverified', refusal)),
    });
    expect(within(dialog).getByTestId('merge-checks').dataset.state).toBe('stale');
    await act(async () => fireEvent.click(within(dialog).getByTestId('merge-confirm')));
    await act(async () => fireEvent.click(within(dialog).getByTestId('run-checks')));
    expect(client.calls.some((call) => call.method === 'task/verify')).toBe(true);
    expect((await within(dialog).findByText(/Checks passed on the commit being merged/)).textContent).toBe(
      '✓ Checks passed on the commit being merged: npm test passed in 3.0 s.',
    );
    expect(within(dialog).getByTestId('merge-preview').textContent).toBe('Merges cleanly into main (1 file changed).');
    await act(async () => fireEvent.click(within(dialog).getByTestId('merge-confirm')));
    expect(within(dialog).getByTestId('merge-result')).toBeTruthy();
  });
});
