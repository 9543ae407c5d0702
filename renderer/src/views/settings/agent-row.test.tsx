// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store/store.js';
import type { AgentInfo } from '../../store/settings-slice.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { DefaultsSection } from './defaults-section.js';

afterEach(cleanup);

const claude: AgentInfo = {
  id: 'claude-code',
  name: 'Claude Code',
  available: false,
  detail:
    'Claude Code 2.1 (/usr/bin/claude). Flotilla runs Claude Code with its own settings folder and needs an Anthropic API key.',
  configurable: true,
  path: null,
  configHome: 'flotilla',
};

function setUp(
  answer: (params: { agentId: string; path?: string | null; configHome?: 'flotilla' | 'user' }) => AgentInfo,
) {
  const client = scriptedClient({ 'agent/configure': (params) => ({ agent: answer(params) }) });
  loadStore(client, [sampleRepo()]);
  useStore.setState((state) => ({ agents: [...state.agents, claude] }));
  render(<DefaultsSection />);
  return client;
}

describe('setting up an agent in Settings', () => {
  it('switches Claude Code to the user’s own login and sets its program, then shows the new state', async () => {
    const client = setUp((params) => ({
      ...claude,
      available: true,
      detail: 'Claude Code 2.1 (/opt/claude). Uses your own login.',
      path: params.path ?? null,
      configHome: params.configHome ?? 'flotilla',
    }));
    expect(screen.getAllByTestId('agent-edit')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Set up Claude Code' }));
    fireEvent.change(screen.getByLabelText('Claude Code program path'), { target: { value: ' /opt/claude ' } });
    fireEvent.click(screen.getByLabelText('Use my own Claude Code login'));
    fireEvent.click(screen.getByTestId('agent-save'));
    await waitFor(() => expect(screen.queryByTestId('agent-form')).toBeNull());
    expect(client.calls.find((call) => call.method === 'agent/configure')?.params).toEqual({
      agentId: 'claude-code',
      path: '/opt/claude',
      configHome: 'user',
    });
    expect(useStore.getState().agents.find((agent) => agent.id === 'claude-code')).toMatchObject({
      available: true,
      configHome: 'user',
      path: '/opt/claude',
    });
    expect(screen.getByText('own login')).toBeTruthy();
    expect(screen.getByText(/Uses your own login\./)).toBeTruthy();
  });

  it('shows the engine’s refusal verbatim and keeps the form open', async () => {
    setUp(() => {
      throw Object.assign(new Error('x'), {
        code: 'invalidInput',
        message:
          '/home/me/.flotilla/agents.json is not valid JSON (Unexpected end). Fix the file first; nothing was changed.',
      });
    });
    fireEvent.click(screen.getByRole('button', { name: 'Set up Claude Code' }));
    fireEvent.click(screen.getByTestId('agent-save'));
    expect((await screen.findByTestId('agent-error')).textContent).toBe(
      '/home/me/.flotilla/agents.json is not valid JSON (Unexpected end). Fix the file first; nothing was changed.',
    );
    expect(screen.getByTestId('agent-form')).toBeTruthy();
  });
});
