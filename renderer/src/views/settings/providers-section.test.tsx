// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store/store.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { DefaultsSection } from './defaults-section.js';
import { ProvidersSection } from './providers-section.js';

afterEach(cleanup);

function setUp() {
  const client = scriptedClient({
    'provider/test': ({ provider, apiKey }) =>
      apiKey === 'sk-good'
        ? {
            ok: true,
            message: 'Anthropic answered at https://api.anthropic.com: the key works and 2 models are available.',
            models: [{ id: `${provider}:claude-opus-5` }, { id: `${provider}:claude-haiku-5` }],
          }
        : {
            ok: false,
            message:
              'Anthropic rejected the API key (HTTP 401). Check that it was copied whole and is still active, or make a new one, then paste it again.',
            models: [],
          },
  });
  loadStore(client, [sampleRepo()]);
  useStore.setState({
    providers: {
      anthropic: { baseUrl: null, hasApiKey: false },
      openai: { baseUrl: null, hasApiKey: false },
      compatible: { baseUrl: 'http://127.0.0.1:11434/v1', hasApiKey: false },
    },
  });
  return client;
}

describe('testing a provider in Settings', () => {
  it('tests the key typed but not saved, shows what is wrong inline, and offers a working key’s models as the default model', async () => {
    const client = setUp();
    render(
      <>
        <ProvidersSection />
        <DefaultsSection />
      </>,
    );
    const card = screen.getByTestId('provider-anthropic');
    fireEvent.change(within(card).getByLabelText('Anthropic API key'), { target: { value: 'sk-bad' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Test the Anthropic settings' }));
    const failure = await within(card).findByTestId('provider-test-result-anthropic');
    expect(failure.textContent).toBe(
      '✕ Anthropic rejected the API key (HTTP 401). Check that it was copied whole and is still active, or make a new one, then paste it again.',
    );
    expect(failure.getAttribute('role')).toBe('alert');
    // Nothing was saved by testing.
    expect(client.calls.some((call) => call.method === 'provider/update')).toBe(false);
    expect(client.calls.find((call) => call.method === 'provider/test')?.params).toEqual({
      provider: 'anthropic',
      apiKey: 'sk-bad',
    });

    fireEvent.change(within(card).getByLabelText('Anthropic API key'), { target: { value: 'sk-good' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Test the Anthropic settings' }));
    await waitFor(() =>
      expect(within(card).getByTestId('provider-test-result-anthropic').textContent).toMatch(
        /^✓ Anthropic answered .* 2 models are available\. Save to use these settings\.$/,
      ),
    );

    const model = screen.getByRole('combobox', { name: 'Default model' });
    fireEvent.change(model, { target: { value: 'opus-5' } });
    const options = within(screen.getByRole('listbox'))
      .getAllByRole('option')
      .map((option) => option.querySelector('.combobox-value')?.textContent);
    expect(options).toEqual(['anthropic:claude-opus-5']);
    fireEvent.keyDown(model, { key: 'Enter' });
    expect((model as HTMLInputElement).value).toBe('anthropic:claude-opus-5');
  });

  it('tests a base URL as edited, or the stored settings when nothing was typed', async () => {
    const client = setUp();
    render(<ProvidersSection />);
    const card = screen.getByTestId('provider-compatible');
    fireEvent.click(within(card).getByRole('button', { name: 'Test the OpenAI-compatible settings' }));
    await within(card).findByTestId('provider-test-result-compatible');
    fireEvent.change(within(card).getByLabelText('OpenAI-compatible base URL'), { target: { value: ' ' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Test the OpenAI-compatible settings' }));
    await waitFor(() => expect(client.calls).toHaveLength(2));
    expect(client.calls.map((call) => call.params)).toEqual([
      { provider: 'compatible' },
      { provider: 'compatible', baseUrl: null },
    ]);
  });

  it('says “Testing…” while it waits, and shows why a test could not run at all', async () => {
    let fail: (error: Error) => void = () => undefined;
    const client = scriptedClient({ 'provider/test': () => new Promise((_resolve, reject) => (fail = reject)) });
    loadStore(client, [sampleRepo()]);
    render(<ProvidersSection />);
    const card = screen.getByTestId('provider-openai');
    const button = within(card).getByRole('button', { name: 'Test the OpenAI settings' }) as HTMLButtonElement;
    fireEvent.click(button);
    expect(button.textContent).toBe('Testing…');
    expect(button.disabled).toBe(true);
    fail(new Error('Not connected to the Flotilla engine yet; reconnecting. Try again in a moment.'));
    await waitFor(() =>
      expect(within(card).getByTestId('provider-test-error-openai').textContent).toBe(
        'Not connected to the Flotilla engine yet; reconnecting. Try again in a moment.',
      ),
    );
    expect(button.textContent).toBe('Test');
    expect(within(card).queryByTestId('provider-test-result-openai')).toBeNull();
  });

  it('lists a provider’s models again once its key is saved, so the default model picker keeps them', async () => {
    let hasKey = false;
    const client = scriptedClient({
      'provider/update': () => {
        hasKey = true;
        return {
          providers: {
            anthropic: { baseUrl: null, hasApiKey: false },
            openai: { baseUrl: null, hasApiKey: hasKey },
            compatible: { baseUrl: null, hasApiKey: false },
          },
        };
      },
      'agent/list': () => ({ agents: [] }),
      'provider/models': ({ provider }) => ({ models: provider === 'openai' ? [{ id: 'openai:gpt-7' }] : [] }),
    });
    loadStore(client, [sampleRepo()]);
    useStore.setState({
      providers: {
        anthropic: { baseUrl: null, hasApiKey: false },
        openai: { baseUrl: null, hasApiKey: false },
        compatible: { baseUrl: null, hasApiKey: false },
      },
    });
    render(
      <>
        <ProvidersSection />
        <DefaultsSection />
      </>,
    );
    const card = screen.getByTestId('provider-openai');
    fireEvent.change(within(card).getByLabelText('OpenAI API key'), { target: { value: 'sk-new' } });
    fireEvent.click(within(card).getByTestId('provider-save-openai'));
    await waitFor(() =>
      expect(client.calls.filter((call) => call.method === 'provider/models').map((call) => call.params)).toEqual([
        { provider: 'openai' },
      ]),
    );
    const model = screen.getByRole('combobox', { name: 'Default model' });
    fireEvent.change(model, { target: { value: 'gpt-7' } });
    await waitFor(() =>
      expect(
        within(screen.getByRole('listbox'))
          .getAllByRole('option')
          .map((option) => option.querySelector('.combobox-value')?.textContent),
      ).toEqual(['openai:gpt-7']),
    );
  });

  it('says when a provider is reached through a proxy, and when the proxy setting keeps it from being reached', () => {
    setUp();
    useStore.setState({
      providers: {
        anthropic: {
          baseUrl: null,
          hasApiKey: true,
          route: { kind: 'proxy', address: 'proxy.corp:3128', variable: 'HTTPS_PROXY' },
        },
        openai: {
          baseUrl: null,
          hasApiKey: false,
          route: {
            kind: 'invalid',
            message:
              'HTTPS_PROXY is "socks5://x"; Flotilla reaches proxies over http:// only. Set it to http://host:port.',
          },
        },
        compatible: { baseUrl: 'http://127.0.0.1:11434/v1', hasApiKey: false, route: { kind: 'direct' } },
      },
    });
    render(<ProvidersSection />);
    expect(screen.getByTestId('provider-route-anthropic').textContent).toBe(
      'Through the proxy at proxy.corp:3128 (HTTPS_PROXY).',
    );
    expect(screen.getByTestId('provider-route-openai').textContent).toContain(
      'Flotilla reaches proxies over http:// only',
    );
    expect(screen.queryByTestId('provider-route-compatible')).toBeNull();
  });
});
