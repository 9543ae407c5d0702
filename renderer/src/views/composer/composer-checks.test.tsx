// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRepoSettings } from '../../../../shared/repo.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { useStore } from '../../store/store.js';
import { ComposerDialog } from './composer-dialog.js';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function setUp() {
  const client = scriptedClient({
    'repo/branches': () => ({ current: 'main', branches: ['main'], details: [] }),
    'task/create': (params) => ({
      tasks: Array.from({ length: params.attempts ?? 1 }, (_, index) =>
        sampleTask({ id: `new${index}`, repoId: params.repoId, prompt: params.prompt }),
      ),
    }),
  });
  loadStore(client, [sampleRepo({ settings: { ...defaultRepoSettings, verifyCommand: 'npm test' } })]);
  useStore.setState({ composerOpen: true });
  render(<ComposerDialog />);
  fireEvent.change(screen.getByLabelText('Task prompt'), { target: { value: 'Fix the date parsing' } });
  return client;
}

const created = (client: ReturnType<typeof setUp>) =>
  client.calls.find((call) => call.method === 'task/create')?.params as Record<string, unknown> | undefined;

describe('the composer’s checks', () => {
  it('starts closed on the repository’s command, and sends this task’s own command and retries', async () => {
    const client = setUp();
    const section = screen.getByTestId('composer-checks') as HTMLDetailsElement;
    expect(section.open).toBe(false);
    expect(section.querySelector('summary')?.textContent).toBe('Checks npm test');
    expect((screen.getByLabelText('Verify command for this task') as HTMLInputElement).placeholder).toBe(
      "npm test (the repository's)",
    );
    fireEvent.change(screen.getByLabelText('Verify command for this task'), { target: { value: 'npm run test:unit' } });
    fireEvent.change(screen.getByLabelText('Verify retries for this task'), { target: { value: '4' } });
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() =>
      expect(created(client)).toMatchObject({ verifyCommand: 'npm run test:unit', verifyRetries: 4 }),
    );
    expect(created(client)).not.toHaveProperty('judge');
  });

  it('runs no checks when asked, and refuses retries that are not a whole number', async () => {
    const client = setUp();
    fireEvent.change(screen.getByLabelText('Verify retries for this task'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    expect(screen.getByTestId('composer-error').textContent).toBe(
      "Give the retries as a whole number from 0 to 10, or leave it empty for the repository's.",
    );
    expect(created(client)).toBeUndefined();
    fireEvent.click(screen.getByLabelText('Run no checks for this task'));
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() => expect(created(client)).toMatchObject({ verifyCommand: '' }));
    expect(created(client)).not.toHaveProperty('verifyRetries');
  });

  it('turns judging off with the reason for one attempt, and sends judge and synthesize for several', async () => {
    const client = setUp();
    const judge = screen.getByLabelText('Judge the attempts') as HTMLInputElement;
    expect(judge.disabled).toBe(true);
    expect(screen.getByTestId('composer-judge-reason').textContent).toBe(
      'Judging compares attempts: raise Attempts above 1 or also run it with another agent.',
    );
    fireEvent.change(screen.getByLabelText('Number of attempts'), { target: { value: '3' } });
    expect(judge.disabled).toBe(false);
    expect(screen.queryByTestId('composer-judge-reason')).toBeNull();
    fireEvent.click(screen.getByLabelText('Synthesize the best'));
    // Synthesis ranks first, so it ticks the judge too.
    expect(judge.checked).toBe(true);
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() => expect(created(client)).toMatchObject({ attempts: 3, judge: true, synthesize: true }));
  });
});
