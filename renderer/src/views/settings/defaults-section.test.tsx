// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultEngineSettings, type EngineSettings } from '../../../../shared/repo.js';
import { useStore } from '../../store/store.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { DefaultsSection } from './defaults-section.js';

afterEach(cleanup);

function setUp() {
  const client = scriptedClient({
    'settings/update': (change) => ({ settings: { ...defaultEngineSettings, ...change } as EngineSettings }),
  });
  loadStore(client, [sampleRepo()]);
  render(<DefaultsSection />);
  return client;
}

describe('default budget in settings', () => {
  it('saves a dollar amount as the default budget per task, and empty as none', async () => {
    const client = setUp();
    const field = screen.getByLabelText('Default cost budget per task in dollars');
    expect((field as HTMLInputElement).value).toBe('');
    fireEvent.change(field, { target: { value: '$4.50' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(useStore.getState().engineSettings?.defaultCostBudgetUsd).toBe(4.5));
    expect(client.calls.find((call) => call.method === 'settings/update')?.params).toMatchObject({
      defaultCostBudgetUsd: 4.5,
    });

    fireEvent.change(screen.getByLabelText('Default cost budget per task in dollars'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(useStore.getState().engineSettings?.defaultCostBudgetUsd).toBeNull());
  });

  it('refuses a budget that is not an amount, saying what to write, and saves nothing', () => {
    const client = setUp();
    fireEvent.change(screen.getByLabelText('Default cost budget per task in dollars'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(screen.getByTestId('settings-defaults-error').textContent).toBe(
      'Give the default budget as a dollar amount above 0, such as 5 or 2.50, or leave it empty for no limit.',
    );
    expect(client.calls.some((call) => call.method === 'settings/update')).toBe(false);
  });
});

describe('worktree clean-up in settings', () => {
  it('starts ticked and saves the choice to keep worktrees after merging', async () => {
    const client = setUp();
    const box = screen.getByLabelText("Remove a task's worktree once it is merged") as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(useStore.getState().engineSettings?.removeWorktreeAfterMerge).toBe(false));
    expect(client.calls.find((call) => call.method === 'settings/update')?.params).toMatchObject({
      removeWorktreeAfterMerge: false,
    });
  });
});

describe('default model in settings', () => {
  it('offers the models the ready providers list, and saves the one picked', async () => {
    const client = scriptedClient({
      'settings/update': (change) => ({ settings: { ...defaultEngineSettings, ...change } as EngineSettings }),
      'provider/models': ({ provider }) => ({
        models: provider === 'compatible' ? [{ id: 'compatible:llama-9', detail: 'local' }] : [],
      }),
    });
    loadStore(client, [sampleRepo()]);
    useStore.setState({
      providers: {
        anthropic: { baseUrl: null, hasApiKey: false },
        openai: { baseUrl: null, hasApiKey: false },
        compatible: { baseUrl: 'http://127.0.0.1:11434/v1', hasApiKey: false },
      },
    });
    render(<DefaultsSection />);
    // Only a provider that can answer is asked.
    await waitFor(() =>
      expect(client.calls.filter((call) => call.method === 'provider/models').map((call) => call.params)).toEqual([
        { provider: 'compatible' },
      ]),
    );
    const model = screen.getByRole('combobox', { name: 'Default model' }) as HTMLInputElement;
    fireEvent.change(model, { target: { value: 'llama' } });
    expect(screen.getByRole('listbox').textContent).toContain('compatible:llama-9');
    expect(screen.getByRole('listbox').textContent).toContain('local');
    fireEvent.keyDown(model, { key: 'Enter' });
    expect(model.value).toBe('compatible:llama-9');
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(useStore.getState().engineSettings?.defaultModel).toBe('compatible:llama-9'));
    expect(client.calls.find((call) => call.method === 'settings/update')?.params).toMatchObject({
      defaultModel: 'compatible:llama-9',
    });
  });
});

describe('the judge model in settings', () => {
  it('starts on the strongest configured model and saves a chosen one', async () => {
    const client = setUp();
    const field = screen.getByLabelText('Judge model') as HTMLInputElement;
    expect(field.value).toBe('');
    expect(field.placeholder).toBe('Strongest configured model (default)');
    expect(screen.getByTestId('settings-judge-none').textContent).toContain('ranked by a stated rule');
    fireEvent.change(field, { target: { value: 'openai:gpt-5' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(useStore.getState().engineSettings?.judgeModel).toBe('openai:gpt-5'));
    expect(client.calls.find((call) => call.method === 'settings/update')?.params).toMatchObject({
      judgeModel: 'openai:gpt-5',
    });
  });
});
