// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store/store.js';
import type { AgentInfo } from '../../store/settings-slice.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { ComposerDialog } from './composer-dialog.js';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const agents: AgentInfo[] = [
  {
    id: 'builtin',
    name: 'Flotilla agent',
    available: true,
    detail: 'Built in.',
    configurable: false,
    path: null,
    configHome: null,
    models: [{ id: 'anthropic:claude-sonnet-4-6' }, { id: 'openai:gpt-5', detail: 'no key set' }],
    defaultModel: 'anthropic:claude-sonnet-4-6',
    modelHint: 'Written provider:model.',
    acceptsModel: true,
  },
  {
    id: 'codex',
    name: 'Codex',
    available: true,
    detail: 'codex 1.0',
    configurable: true,
    path: null,
    configHome: 'flotilla',
    models: [{ id: 'gpt-5-codex', detail: 'tuned for Codex' }, { id: 'gpt-5' }],
    defaultModel: null,
    modelHint: 'A Codex model name, such as gpt-5-codex or gpt-5.',
    acceptsModel: true,
  },
  {
    id: 'acp:gemini',
    name: 'Gemini CLI',
    available: true,
    detail: 'gemini 0.9',
    configurable: true,
    path: null,
    configHome: null,
    models: [],
    defaultModel: null,
    modelHint: 'Gemini CLI picks its own model; Flotilla does not pass one on.',
    acceptsModel: false,
  },
];

function open() {
  const client = scriptedClient({
    'repo/branches': () => ({ current: 'main', branches: ['main'] }),
    'provider/models': ({ provider }) => ({
      models: provider === 'anthropic' ? [{ id: 'anthropic:claude-opus-5', label: 'Claude Opus 5' }] : [],
    }),
    'task/create': (params) => ({ tasks: [sampleTask({ id: 'n1', repoId: params.repoId, prompt: params.prompt })] }),
  });
  loadStore(client, [sampleRepo()]);
  useStore.setState({
    agents,
    providers: {
      anthropic: { baseUrl: null, hasApiKey: true },
      openai: { baseUrl: null, hasApiKey: false },
      compatible: { baseUrl: null, hasApiKey: false },
    },
  });
  useStore.getState().openComposer();
  const view = render(<ComposerDialog />);
  return { client, view };
}

const listed = () =>
  within(screen.getByRole('listbox'))
    .getAllByRole('option')
    .map((option) => option.querySelector('.combobox-value')?.textContent);

describe('composer model and agent', () => {
  it('offers the chosen agent’s models, with a placeholder and help that follow the agent', async () => {
    const { client } = open();
    const model = screen.getByRole('combobox', { name: 'Model' }) as HTMLInputElement;
    expect(model.placeholder).toBe('anthropic:claude-sonnet-4-6 (default)');
    expect(screen.getByTestId('composer-model-hint').textContent).toBe('Written provider:model.');
    // The built-in agent also offers what the providers with a key list.
    await waitFor(() => expect(client.calls.some((call) => call.method === 'provider/models')).toBe(true));
    expect(client.calls.filter((call) => call.method === 'provider/models').map((call) => call.params)).toEqual([
      { provider: 'anthropic' },
    ]);
    fireEvent.keyDown(model, { key: 'ArrowDown' });
    await waitFor(() =>
      expect(listed()).toEqual(['anthropic:claude-sonnet-4-6', 'openai:gpt-5', 'anthropic:claude-opus-5']),
    );
    expect(screen.getByRole('listbox').textContent).toContain('no key set');
    fireEvent.keyDown(model, { key: 'Escape' });

    fireEvent.change(screen.getByLabelText('Agent'), { target: { value: 'codex' } });
    expect(model.placeholder).toBe('Codex’s own default');
    expect(screen.getByTestId('composer-model-hint').textContent).toBe(
      'A Codex model name, such as gpt-5-codex or gpt-5.',
    );
    fireEvent.change(model, { target: { value: 'codex' } });
    expect(listed()).toEqual(['gpt-5-codex']);
    fireEvent.keyDown(model, { key: 'Enter' });
    expect(model.value).toBe('gpt-5-codex');
    fireEvent.change(screen.getByLabelText('Task prompt'), { target: { value: 'do it' } });
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() =>
      expect(client.calls.find((call) => call.method === 'task/create')?.params).toMatchObject({
        agent: 'codex',
        model: 'gpt-5-codex',
      }),
    );
  });

  it('disables the model field for an agent that picks its own model, says why, and sends no model', async () => {
    // A model left from an earlier choice must not reach an agent that ignores it.
    localStorage.setItem(
      'flotilla.composer',
      JSON.stringify({ agent: 'acp:gemini', models: { 'acp:gemini': 'stale-model', codex: 'gpt-5' } }),
    );
    const { client } = open();
    const model = screen.getByRole('combobox', { name: 'Model' }) as HTMLInputElement;
    expect(model.disabled).toBe(true);
    expect(model.value).toBe('');
    expect(model.placeholder).toBe('This agent picks its own model');
    expect(screen.getByTestId('composer-model-hint').textContent).toBe(
      'Gemini CLI picks its own model; Flotilla does not pass one on.',
    );
    fireEvent.change(screen.getByLabelText('Task prompt'), { target: { value: 'do it' } });
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() => expect(client.calls.some((call) => call.method === 'task/create')).toBe(true));
    const params = client.calls.find((call) => call.method === 'task/create')?.params as Record<string, unknown>;
    expect(params).toMatchObject({ agent: 'acp:gemini' });
    expect(params['model']).toBeUndefined();
  });

  it('enables the model field again for an agent that takes one', () => {
    localStorage.setItem('flotilla.composer', JSON.stringify({ agent: 'acp:gemini', models: { codex: 'gpt-5' } }));
    open();
    const model = screen.getByRole('combobox', { name: 'Model' }) as HTMLInputElement;
    expect(model.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Agent'), { target: { value: 'codex' } });
    expect(model.disabled).toBe(false);
    expect(model.value).toBe('gpt-5');
    expect(model.placeholder).toBe('Codex’s own default');
  });

  it('says so when it keeps the last used agent, marks the default, and brings back each agent’s own model', async () => {
    localStorage.setItem(
      'flotilla.composer',
      JSON.stringify({ agent: 'codex', models: { codex: 'gpt-5', builtin: 'openai:gpt-5' } }),
    );
    open();
    const source = screen.getByTestId('composer-agent-source');
    expect(source.textContent).toBe('Agent: Codex (last used) · change · use the default, Flotilla agent');
    expect((screen.getByRole('combobox', { name: 'Model' }) as HTMLInputElement).value).toBe('gpt-5');
    expect(
      within(screen.getByLabelText('Agent')).getByRole('option', { name: 'Flotilla agent (default)' }),
    ).toBeTruthy();

    fireEvent.click(within(source).getByRole('button', { name: 'change' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Agent'));
    fireEvent.click(within(source).getByRole('button', { name: 'use the default, Flotilla agent' }));
    expect((screen.getByLabelText('Agent') as HTMLSelectElement).value).toBe('builtin');
    expect(screen.getByTestId('composer-agent-source').textContent).toBe(
      'Agent: Flotilla agent (the default in Settings) · change',
    );
    expect((screen.getByRole('combobox', { name: 'Model' }) as HTMLInputElement).value).toBe('openai:gpt-5');
  });

  it('keeps what was typed when closed by accident and reopened, until the task is started', async () => {
    const { view, client } = open();
    fireEvent.change(screen.getByLabelText('Task prompt'), { target: { value: 'Refactor the parser\nkeep the API' } });
    fireEvent.change(screen.getByLabelText('Agent'), { target: { value: 'codex' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'gpt-5' } });
    fireEvent.keyDown(screen.getByLabelText('Task prompt'), { key: 'Escape' });
    expect(useStore.getState().composerOpen).toBe(false);
    view.unmount();

    useStore.getState().openComposer();
    const again = render(<ComposerDialog />);
    expect((screen.getByLabelText('Task prompt') as HTMLTextAreaElement).value).toBe(
      'Refactor the parser\nkeep the API',
    );
    expect((screen.getByLabelText('Agent') as HTMLSelectElement).value).toBe('codex');
    expect((screen.getByRole('combobox', { name: 'Model' }) as HTMLInputElement).value).toBe('gpt-5');
    expect(screen.getByTestId('composer-restored').textContent).toContain('Your unsent draft is back.');
    fireEvent.click(screen.getByTestId('composer-dispatch'));
    await waitFor(() => expect(client.calls.some((call) => call.method === 'task/create')).toBe(true));
    await waitFor(() => expect(useStore.getState().composerOpen).toBe(false));
    again.unmount();

    useStore.getState().openComposer();
    render(<ComposerDialog />);
    expect((screen.getByLabelText('Task prompt') as HTMLTextAreaElement).value).toBe('');
    expect(screen.queryByTestId('composer-restored')).toBeNull();
  });
});
