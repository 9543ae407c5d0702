// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store/store.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { ComposerDialog } from './composer-dialog.js';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** A branch list as the engine sends it: the user's branches first, then task branches. */
function branchList(current: string, own: string[], tasks: { name: string; taskTitle?: string }[] = []) {
  const day = 86_400_000;
  const details = [
    ...own.map((name, index) => ({
      name,
      committedAt: new Date(Date.now() - index * 3 * day).toISOString(),
      task: false,
      taskId: null,
      taskTitle: null,
    })),
    ...tasks.map(({ name, taskTitle }) => ({
      name,
      committedAt: new Date().toISOString(),
      task: true,
      taskId: taskTitle ? 't1' : null,
      taskTitle: taskTitle ?? null,
    })),
  ];
  return { current, branches: details.map((branch) => branch.name), details };
}

function setUp() {
  const client = scriptedClient({
    'repo/branches': () => branchList('main', ['main', 'release']),
    'task/create': (params) => ({
      tasks: Array.from({ length: params.attempts ?? 1 }, (_, index) =>
        sampleTask({ id: `new${index}`, repoId: params.repoId, prompt: params.prompt, groupId: 'g1' }),
      ),
    }),
  });
  loadStore(client, [sampleRepo(), sampleRepo({ id: 'r2', name: 'api', path: '/code/api' })]);
  useStore.setState({ composerOpen: true });
  render(<ComposerDialog />);
  return client;
}

describe('composer', () => {
  it('dispatches task/create with every chosen option on Ctrl+Enter, then opens the first task', async () => {
    const client = setUp();
    fireEvent.change(screen.getByLabelText('Repository'), { target: { value: 'r2' } });
    const base = screen.getByRole('combobox', { name: 'Base branch' });
    fireEvent.change(base, { target: { value: 'rel' } });
    await screen.findByRole('option', { name: /release/ });
    fireEvent.keyDown(base, { key: 'Enter' });
    expect((base as HTMLInputElement).value).toBe('release');
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'openai:gpt-5' } });
    fireEvent.change(screen.getByLabelText('Approval mode'), { target: { value: 'ask' } });
    fireEvent.click(screen.getByLabelText('Allow network access'));
    fireEvent.change(screen.getByLabelText('Number of attempts'), { target: { value: '3' } });
    // For several attempts the budget is the group's: the field says so.
    expect(screen.getByText('Budget for all 3 (US$)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Cost budget for all the attempts in dollars'), {
      target: { value: '$2.50' },
    });
    const prompt = screen.getByLabelText('Task prompt');
    fireEvent.change(prompt, { target: { value: 'Add a dark mode\nwith tests' } });
    fireEvent.keyDown(prompt, { key: 'Enter', ctrlKey: true });

    await waitFor(() => expect(useStore.getState().composerOpen).toBe(false));
    expect(client.calls.find((call) => call.method === 'task/create')?.params).toEqual({
      repoId: 'r2',
      prompt: 'Add a dark mode\nwith tests',
      base: 'release',
      agent: 'scripted',
      model: 'openai:gpt-5',
      attempts: 3,
      approvalMode: 'ask',
      allowNetwork: true,
      costBudgetUsd: 2.5,
    });
    expect(Object.keys(useStore.getState().tasks).sort()).toEqual(['new0', 'new1', 'new2']);
    expect(useStore.getState()).toMatchObject({ view: 'task', selectedTaskId: 'new0' });
  });

  it('picks an agent that can run, and shows the engine’s error verbatim when dispatch fails', async () => {
    const client = setUp();
    expect((screen.getByLabelText('Agent') as HTMLSelectElement).value).toBe('scripted');
    client.call = (async () => {
      throw Object.assign(new Error('x'), {
        code: 'baseNotFound',
        message: 'The base "nope" does not exist in webapp. Pick a branch from the list.',
      });
    }) as typeof client.call;
    useStore.setState({ client });
    fireEvent.change(screen.getByLabelText('Task prompt'), { target: { value: 'do it' } });
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    expect(await screen.findByTestId('composer-error')).toHaveProperty(
      'textContent',
      'The base "nope" does not exist in webapp. Pick a branch from the list.',
    );
    expect(useStore.getState().composerOpen).toBe(true);
  });

  it('refuses a budget that is not an amount, saying what to write, and starts nothing', async () => {
    const client = setUp();
    fireEvent.change(screen.getByLabelText('Cost budget per task in dollars'), { target: { value: 'ten' } });
    fireEvent.change(screen.getByLabelText('Task prompt'), { target: { value: 'do it' } });
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    expect(await screen.findByTestId('composer-error')).toHaveProperty(
      'textContent',
      'Give the budget as a dollar amount above 0, such as 2 or 0.50, or leave it empty for no limit.',
    );
    expect(client.calls.some((call) => call.method === 'task/create')).toBe(false);
    expect((screen.getByLabelText('Task prompt') as HTMLTextAreaElement).value).toBe('do it');
  });

  it('starts the budget from the default in Settings; emptied, the task gets no budget', async () => {
    const client = scriptedClient({
      'task/create': (params) => ({ tasks: [sampleTask({ id: 'n1', repoId: params.repoId, prompt: params.prompt })] }),
    });
    loadStore(client, [sampleRepo()]);
    useStore.setState((state) => ({
      composerOpen: true,
      engineSettings: state.engineSettings && { ...state.engineSettings, defaultCostBudgetUsd: 3 },
    }));
    render(<ComposerDialog />);
    const budget = screen.getByLabelText('Cost budget per task in dollars') as HTMLInputElement;
    expect(budget.value).toBe('3');
    fireEvent.change(budget, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Task prompt'), { target: { value: 'do it' } });
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() =>
      expect(client.calls.find((call) => call.method === 'task/create')?.params).toMatchObject({ costBudgetUsd: null }),
    );
  });

  it('“Run again…” opens it filled in from a task, once', async () => {
    const client = scriptedClient({
      'repo/branches': () => branchList('main', ['main', 'release']),
      'task/create': (params) => ({
        tasks: [sampleTask({ id: 'again', repoId: params.repoId, prompt: params.prompt })],
      }),
    });
    loadStore(client, [sampleRepo(), sampleRepo({ id: 'r2', name: 'api', path: '/code/api' })]);
    const original = sampleTask({
      id: 'old',
      repoId: 'r2',
      prompt: 'Speed up the API\nkeep the tests green',
      baseRef: 'release',
      agent: 'scripted',
      model: 'openai:gpt-5',
      approvalMode: 'ask',
      allowNetwork: true,
      costBudgetUsd: 1.5,
      verifyCommand: 'npm run test:api',
      verifyRetries: 1,
    });
    useStore.getState().runAgain(original);
    expect(useStore.getState()).toMatchObject({ composerOpen: true });
    const view = render(<ComposerDialog />);
    expect((screen.getByLabelText('Task prompt') as HTMLTextAreaElement).value).toBe(
      'Speed up the API\nkeep the tests green',
    );
    expect((screen.getByLabelText('Repository') as HTMLSelectElement).value).toBe('r2');
    expect((screen.getByLabelText('Model') as HTMLInputElement).value).toBe('openai:gpt-5');
    expect((screen.getByLabelText('Cost budget per task in dollars') as HTMLInputElement).value).toBe('1.5');
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() => expect(useStore.getState().composerOpen).toBe(false));
    expect(client.calls.find((call) => call.method === 'task/create')?.params).toEqual({
      repoId: 'r2',
      prompt: 'Speed up the API\nkeep the tests green',
      base: 'release',
      agent: 'scripted',
      model: 'openai:gpt-5',
      attempts: 1,
      approvalMode: 'ask',
      allowNetwork: true,
      costBudgetUsd: 1.5,
      verifyCommand: 'npm run test:api',
      verifyRetries: 1,
    });
    view.unmount();
    // The draft was used up: a plain New task starts empty.
    useStore.getState().openComposer();
    render(<ComposerDialog />);
    expect((screen.getByLabelText('Task prompt') as HTMLTextAreaElement).value).toBe('');
  });

  it('runs the prompt with other agents too, to compare them side by side', async () => {
    const client = setUp();
    useStore.setState((state) => ({
      agents: [
        ...state.agents,
        {
          id: 'twin',
          name: 'Twin agent',
          available: true,
          detail: 'Built in.',
          configurable: false,
          path: null,
          configHome: null,
        },
      ],
    }));
    fireEvent.click(await screen.findByLabelText('Also run with Twin agent'));
    expect(screen.queryByLabelText('Also run with Flotilla agent')).toBeNull();
    fireEvent.change(screen.getByLabelText('Task prompt'), { target: { value: 'Compare us' } });
    expect(screen.getByTestId('composer-dispatch').textContent).toContain('Start 2 tasks');
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() => expect(client.calls.some((call) => call.method === 'task/create')).toBe(true));
    const params = client.calls.find((call) => call.method === 'task/create')?.params as Record<string, unknown>;
    expect(params).toMatchObject({ agents: ['scripted', 'twin'], attempts: 1 });
    expect(params).not.toHaveProperty('agent');
  });

  it('offers the user’s branches first, task branches behind a toggle, filters as one types and keeps a tag typed by hand', async () => {
    const client = scriptedClient({
      'repo/branches': () =>
        branchList(
          'develop',
          ['develop', 'main', 'release/2.0'],
          [{ name: 'flotilla/fix-login-ab12cd34', taskTitle: 'Fix the login' }, { name: 'flotilla/old-try-zz99' }],
        ),
      'task/create': (params) => ({ tasks: [sampleTask({ id: 'n1', repoId: params.repoId, prompt: params.prompt })] }),
    });
    loadStore(client, [sampleRepo()]);
    useStore.setState({ composerOpen: true });
    render(<ComposerDialog />);
    const base = screen.getByRole('combobox', { name: 'Base branch' }) as HTMLInputElement;
    await waitFor(() => expect(base.placeholder).toBe('develop (current)'));
    fireEvent.keyDown(base, { key: 'ArrowDown' });
    const names = () =>
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map((option) => option.querySelector('.combobox-value')?.textContent ?? option.textContent);
    expect(names()).toEqual(['develop', 'main', 'release/2.0', 'Show 2 task branches']);
    expect(within(screen.getByRole('listbox')).getByRole('option', { name: /develop/ }).textContent).toContain(
      'current',
    );

    // Typing filters; a task branch that matches is one keystroke away.
    fireEvent.change(base, { target: { value: 'login' } });
    expect(screen.getByRole('listbox').textContent).toContain('No branch matches “login”');
    expect(names()).toEqual(['Show 1 matching task branch']);
    fireEvent.keyDown(base, { key: 'ArrowDown' });
    fireEvent.keyDown(base, { key: 'Enter' });
    expect(names()).toEqual(['flotilla/fix-login-ab12cd34', 'Hide task branches']);
    expect(within(screen.getByRole('listbox')).getByRole('option', { name: /fix-login/ }).textContent).toContain(
      'task: Fix the login',
    );
    fireEvent.keyDown(base, { key: 'ArrowUp' });
    fireEvent.keyDown(base, { key: 'Enter' });
    expect(base.value).toBe('flotilla/fix-login-ab12cd34');
    expect(screen.queryByRole('listbox')).toBeNull();

    // A tag typed by hand is kept; Esc closes the list, not the composer.
    fireEvent.change(base, { target: { value: 'v1.2.0' } });
    fireEvent.keyDown(base, { key: 'Enter' });
    expect(base.value).toBe('v1.2.0');
    fireEvent.keyDown(base, { key: 'ArrowDown' });
    fireEvent.keyDown(base, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(useStore.getState().composerOpen).toBe(true);
    fireEvent.change(screen.getByLabelText('Task prompt'), { target: { value: 'do it' } });
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() =>
      expect(client.calls.find((call) => call.method === 'task/create')?.params).toMatchObject({ base: 'v1.2.0' }),
    );
  });

  it('closes on Escape', () => {
    setUp();
    fireEvent.keyDown(screen.getByLabelText('Task prompt'), { key: 'Escape' });
    expect(useStore.getState().composerOpen).toBe(false);
  });
});
