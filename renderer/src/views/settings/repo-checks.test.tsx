// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRepoSettings, type RepoSettings } from '../../../../shared/repo.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { useStore } from '../../store/store.js';
import { ReposSection } from './repos-section.js';

afterEach(cleanup);

function setUp(settings: Partial<RepoSettings> = {}) {
  const repo = sampleRepo({ settings: { ...defaultRepoSettings, ...settings } });
  const client = scriptedClient({
    'repo/suggestVerify': () => ({
      suggestions: [{ command: 'npm test', reason: 'package.json has a test script (vitest run)' }],
    }),
    'repo/update': ({ settings: change }) => ({ repo: { ...repo, settings: { ...repo.settings, ...change } } }),
  });
  loadStore(client, [repo]);
  render(<ReposSection />);
  return client;
}

describe('a repository’s checks in Settings', () => {
  it('offers the suggested command, sets it only when the user takes it and saves, with retries and time limit', async () => {
    const client = setUp();
    const field = screen.getByLabelText('Verify command for webapp') as HTMLInputElement;
    expect(field.value).toBe('');
    const use = await screen.findByTestId('repo-verify-use-r1');
    expect(screen.getByTestId('repo-verify-suggestion-r1').textContent).toContain(
      'Suggested because package.json has a test script (vitest run).',
    );
    // Nothing is set by itself: the suggestion waits for the user.
    expect(client.calls.some((call) => call.method === 'repo/update')).toBe(false);
    expect((screen.getByLabelText('Require passing checks to merge in webapp') as HTMLInputElement).disabled).toBe(
      true,
    );
    fireEvent.click(use);
    expect(field.value).toBe('npm test');
    expect(screen.queryByTestId('repo-verify-use-r1')).toBeNull();
    const require = screen.getByLabelText('Require passing checks to merge in webapp') as HTMLInputElement;
    expect(require.disabled).toBe(false);
    expect(require.checked).toBe(true);
    fireEvent.change(screen.getByLabelText('Verify retries for webapp'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Verify time limit in minutes for webapp'), { target: { value: '2.5' } });
    fireEvent.click(require);
    fireEvent.click(screen.getByTestId('repo-save-r1'));
    await waitFor(() => expect(useStore.getState().repos[0]?.settings.verifyCommand).toBe('npm test'));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(field.value).toBe('npm test');
    expect(client.calls.find((call) => call.method === 'repo/update')?.params).toMatchObject({
      repoId: 'r1',
      settings: { verifyCommand: 'npm test', verifyRetries: 3, verifyTimeoutMs: 150_000, requirePassingChecks: false },
    });
  });

  it('refuses a time limit that is not a number of minutes, saying what to write, and saves nothing', async () => {
    const client = setUp({ verifyCommand: 'make test' });
    fireEvent.change(screen.getByLabelText('Verify time limit in minutes for webapp'), { target: { value: 'soon' } });
    fireEvent.click(screen.getByTestId('repo-save-r1'));
    expect(screen.getByTestId('repo-settings-error-r1').textContent).toBe(
      'Give the checks’ time limit in minutes, such as 10 or 0.5.',
    );
    expect(client.calls.some((call) => call.method === 'repo/update')).toBe(false);
    // A command already set still gets the repository's suggestion offered in its place.
    expect((await screen.findByTestId('repo-verify-use-r1')).textContent).toBe('Use npm test');
  });
});
