// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRepoSettings } from '../../../../shared/repo.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { ReposSection } from './repos-section.js';

afterEach(cleanup);

describe('a repository’s warm pool in Settings', () => {
  it('lists the prepared worktrees with their disk use, saves a new size, refuses a bad one, removes them', async () => {
    const repo = sampleRepo({ settings: { ...defaultRepoSettings, poolSize: 2 } });
    let cleared = false;
    const client = scriptedClient({
      'repo/suggestVerify': () => ({ suggestions: [] }),
      'pool/list': () => ({
        base: 'main',
        worktrees: cleared
          ? []
          : [
              { path: '/home/w/pool-aa', commit: 'abcdef1234', state: 'ready' as const, bytes: 3_145_728 },
              { path: '/home/w/pool-bb', commit: 'abcdef1234', state: 'filling' as const, bytes: null },
            ],
      }),
      'pool/clear': () => {
        cleared = true;
        return { removed: 2 };
      },
      'repo/update': ({ settings: change }) => ({ repo: { ...repo, settings: { ...repo.settings, ...change } } }),
    });
    loadStore(client, [repo]);
    render(<ReposSection />);
    const list = await screen.findByTestId('repo-pool-list-r1');
    expect(list.textContent).toContain('/home/w/pool-aa · ready at abcdef1 (main) · 3.0 MB');
    expect(list.textContent).toContain('/home/w/pool-bb · preparing at abcdef1');
    expect(screen.getByTestId('repo-pool-r1').textContent).toContain('2 prepared, 3.0 MB on disk; not tasks.');

    const size = screen.getByLabelText('Warm pool size for webapp');
    fireEvent.change(size, { target: { value: '99' } });
    fireEvent.click(screen.getByTestId('repo-save-r1'));
    // The field's own limits stop the save (the browser says why at the field).
    expect((size as HTMLInputElement).validity.rangeOverflow).toBe(true);
    expect(client.calls.some((call) => call.method === 'repo/update')).toBe(false);
    fireEvent.change(size, { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('repo-save-r1'));
    await waitFor(() =>
      expect(client.calls.find((call) => call.method === 'repo/update')?.params).toMatchObject({
        settings: { poolSize: 3 },
      }),
    );

    fireEvent.click(screen.getByTestId('repo-pool-clear-r1'));
    await waitFor(() => expect(screen.queryByTestId('repo-pool-list-r1')).toBeNull());
    expect(screen.getByTestId('repo-pool-r1').textContent).toContain('Removed 2');
  });
});
