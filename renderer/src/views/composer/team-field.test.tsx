// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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
      tasks: [sampleTask({ id: 'lead', repoId: params.repoId, prompt: params.prompt, team: { role: 'lead' } })],
    }),
  });
  loadStore(client, [sampleRepo()]);
  useStore.setState({ composerOpen: true });
  render(<ComposerDialog />);
  fireEvent.change(screen.getByLabelText('Task prompt'), { target: { value: 'Add OAuth login' } });
  fireEvent.change(screen.getByTestId('composer-agent'), { target: { value: 'builtin' } });
  return client;
}

const created = (client: ReturnType<typeof setUp>) =>
  client.calls.find((call) => call.method === 'task/create')?.params as Record<string, unknown> | undefined;

describe('the composer’s “Plan and delegate”', () => {
  it('makes the task a team lead on the Flotilla agent', async () => {
    const client = setUp();
    const box = screen.getByLabelText('Plan and delegate') as HTMLInputElement;
    expect(box.disabled).toBe(false);
    fireEvent.click(box);
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() => expect(created(client)).toMatchObject({ team: true, agent: 'builtin' }));
  });

  it('is off, saying why, for an agent that cannot lead a team', () => {
    setUp();
    fireEvent.change(screen.getByTestId('composer-agent'), { target: { value: 'scripted' } });
    const box = screen.getByLabelText('Plan and delegate') as HTMLInputElement;
    expect(box.disabled).toBe(true);
    expect(box.closest('label')?.title).toContain('Scripted test agent cannot lead a team');
  });

  it('is off, saying why, for several attempts', async () => {
    const client = setUp();
    const box = screen.getByLabelText('Plan and delegate') as HTMLInputElement;
    fireEvent.click(box);
    fireEvent.change(screen.getByLabelText('Number of attempts'), { target: { value: '2' } });
    expect(box.disabled).toBe(true);
    expect(box.closest('label')?.title).toContain('A team has one lead');
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() => expect(created(client)).toBeDefined());
    expect(created(client)).not.toHaveProperty('team');
  });
});
