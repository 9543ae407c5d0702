// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostStatus } from '../../../../shared/hosts.js';
import { loadStore, sampleRepo } from '../../../../testing/renderer/app-state.js';
import { sampleTask } from '../../../../testing/renderer/events.js';
import { scriptedClient, type FakeAnswers, type ScriptedClient } from '../../../../testing/renderer/fake-client.js';
import { hostChoiceKey } from '../../hosts/host-choice.js';
import { useStore } from '../../store/store.js';
import { ClientError } from '../../transport/client-error.js';
import { CommandPalette } from '../palette/command-palette.js';
import { AllHostsView } from './all-hosts-view.js';
import { HostBanner } from './host-banner.js';
import { HostSwitcher } from './host-switcher.js';

afterEach(cleanup);
beforeEach(() => localStorage.clear());

const box: HostStatus = { name: 'box', target: 'ssh://me@box', state: 'connected' };
const lab: HostStatus = {
  name: 'lab',
  target: 'lab',
  state: 'failed',
  error: 'ssh: connect to host lab port 22: refused',
};

/** Answers host/list with `hosts`, and host/add with `add`. */
function withHosts(answers: FakeAnswers, hosts: HostStatus[], add?: FakeAnswers['host/add']): FakeAnswers {
  return { ...answers, 'host/list': () => ({ hosts }), ...(add ? { 'host/add': add } : {}) };
}

/** A store on this machine that can open clients of hosts; returns the clients it opened, by host. */
function hostsStore(local: ScriptedClient, remote: (host: string | null) => ScriptedClient) {
  const opened: (string | null)[] = [];
  loadStore(local, [sampleRepo()], [sampleTask({ id: 'here', title: 'Local work', status: 'done' })]);
  useStore.setState({
    hosts: [box, lab],
    hostsLoaded: true,
    hostLinks: { box: { state: 'connected', error: null }, lab: { state: 'failed', error: lab.error ?? null } },
    openHostClient: (host) => {
      opened.push(host);
      return remote(host);
    },
  });
  return opened;
}

describe('the host switcher', () => {
  it('lists Local and each host with its link state, the error as text, and switches to a host, remembering it', () => {
    const remote = scriptedClient(withHosts({}, [box, lab]));
    const opened = hostsStore(scriptedClient({}), () => remote);
    render(<HostSwitcher />);
    const entries = screen.getAllByTestId('host-entry');
    expect(entries.map((entry) => [entry.textContent, entry.dataset.state])).toEqual([
      ['Local', 'connected'],
      ['box', 'connected'],
      ['labssh: connect to host lab port 22: refused', 'failed'],
    ]);
    expect(entries[2]?.title).toBe('Could not connect: ssh: connect to host lab port 22: refused');
    expect(entries[0]?.getAttribute('aria-pressed')).toBe('true');

    // Preferences chosen in this window are the window's, whichever host it shows.
    useStore.setState({ theme: 'dark', browserNotifications: false, sidebarFilter: 'active' });
    fireEvent.click(entries[1]!);
    expect(opened).toEqual(['box']);
    expect(useStore.getState()).toMatchObject({ theme: 'dark', browserNotifications: false, sidebarFilter: 'active' });
    expect(useStore.getState().activeHost).toBe('box');
    expect(useStore.getState().client).toBe(remote);
    // The local task belongs to the machine left behind.
    expect(useStore.getState().tasks).toEqual({});
    expect(localStorage.getItem(hostChoiceKey)).toBe('box');
    expect(screen.getAllByTestId('host-entry')[1]?.getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps the host shown listed after it was removed elsewhere, so the way back to Local stays', () => {
    hostsStore(scriptedClient({}), () => scriptedClient({}));
    useStore.setState({ activeHost: 'box' });
    render(<HostSwitcher />);
    act(() => useStore.getState().ingestChange({ type: 'hosts.changed', hosts: [] }));
    expect(screen.getAllByTestId('host-entry').map((entry) => entry.dataset.host)).toEqual(['', 'box']);
  });

  it('goes back to the remembered host once the host list has it, and forgets one that is gone', async () => {
    const local = scriptedClient(withHosts({}, [box]));
    const opened = hostsStore(local, () => scriptedClient(withHosts({}, [box])));
    useStore.getState().enableHosts(useStore.getState().openHostClient!, 'box');
    await act(() => useStore.getState().loadHosts());
    expect(opened).toEqual(['box']);
    expect(useStore.getState().activeHost).toBe('box');

    localStorage.setItem(hostChoiceKey, 'gone');
    const again = hostsStore(scriptedClient(withHosts({}, [box])), () => scriptedClient({}));
    useStore.getState().enableHosts(useStore.getState().openHostClient!, 'gone');
    await act(() => useStore.getState().loadHosts());
    expect(again).toEqual([]);
    expect(useStore.getState().activeHost).toBeNull();
    expect(localStorage.getItem(hostChoiceKey)).toBeNull();
  });
});

describe('the command palette', () => {
  it('switches hosts by name', () => {
    const opened = hostsStore(scriptedClient({}), () => scriptedClient(withHosts({}, [box, lab])));
    render(<CommandPalette />);
    fireEvent.change(screen.getByTestId('palette-input'), { target: { value: 'switch box' } });
    const item = screen.getAllByTestId('palette-item').find((row) => row.textContent?.includes('Switch to host: box'));
    fireEvent.click(item!);
    expect(opened).toEqual(['box']);
    expect(useStore.getState().activeHost).toBe('box');
  });
});

describe('the host banner', () => {
  it('says the window is reconnecting to the host while its link is down, and goes once it is back', () => {
    hostsStore(scriptedClient({}), () => scriptedClient({}));
    useStore.setState({ activeHost: 'box' });
    render(<HostBanner />);
    expect(screen.queryByTestId('host-banner')).toBeNull();
    act(() =>
      useStore
        .getState()
        .ingestChange({ type: 'host.state', name: 'box', state: 'reconnecting', error: 'The connection dropped.' }),
    );
    expect(screen.getByTestId('host-banner').textContent).toBe(
      'Reconnecting to box… Its agents keep working; this window catches up when the link is back.',
    );
    act(() => useStore.getState().ingestChange({ type: 'host.state', name: 'box', state: 'connected' }));
    expect(screen.queryByTestId('host-banner')).toBeNull();
  });
});

describe('a host’s socket reconnecting', () => {
  it('reloads the host’s state once its link is told connected again, even if it never dropped', async () => {
    hostsStore(scriptedClient({}), () => scriptedClient({}));
    useStore.setState({ activeHost: 'box' });
    // This machine's engine restarted: the page's socket to it (routed to box) opens again.
    const again = scriptedClient(withHosts({ 'task/list': () => ({ tasks: [sampleTask({ id: 'there' })] }) }, [box]));
    act(() => void useStore.getState().connect(again));
    act(() => again.change({ type: 'host.state', name: 'box', state: 'connected' }));
    await expect.poll(() => Object.keys(useStore.getState().tasks)).toEqual(['there']);
  });
});

describe('the All hosts view', () => {
  it('lists every host’s tasks with their host, says why a host could not be read, and opens a row on its host', async () => {
    const remote = (host: string | null): ScriptedClient => {
      const client = scriptedClient(
        withHosts(
          {
            'task/list': () => ({ tasks: [sampleTask({ id: 'there', title: 'Remote work', repoId: 'r9' })] }),
            'repo/list': () => ({ repos: [sampleRepo({ id: 'r9', name: 'api' })] }),
          },
          [box, lab],
        ),
      );
      // The server tells a host socket its link's state as soon as it opens.
      setTimeout(() =>
        client.change(
          host === 'lab'
            ? { type: 'host.state', name: 'lab', state: 'failed', error: lab.error }
            : { type: 'host.state', name: 'box', state: 'connected' },
        ),
      );
      return client;
    };
    hostsStore(scriptedClient({}), remote);
    render(<AllHostsView />);
    await expect.poll(() => screen.queryAllByTestId('all-hosts-row').length).toBe(2);
    const rows = screen.getAllByTestId('all-hosts-row');
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['Local work', 'Remote work']);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Local', 'box']);
    expect(within(rows[1]!).getAllByRole('cell')[1]?.textContent).toBe('api');
    const failed = screen.getAllByTestId('all-hosts-group').find((group) => group.dataset.host === 'lab');
    await expect.poll(() => failed?.textContent).toBe(`lab${lab.error}`);

    fireEvent.click(rows[1]!);
    expect(useStore.getState().activeHost).toBe('box');
    expect(useStore.getState().pendingTask).toBe('there');
  });

  it('adds a host with its ssh options, and shows the engine’s error as it is', async () => {
    const sent: unknown[] = [];
    const local = scriptedClient(
      withHosts({}, [box, lab], (input) => {
        sent.push(input);
        if (sent.length === 1)
          throw new ClientError('engineUnavailable', 'ssh: Could not resolve hostname nowhere. Check the ssh target.');
        const added: HostStatus = { name: 'new', target: 'me@new', state: 'connected' };
        return { host: added, installed: null, hosts: [box, lab, added] };
      }),
    );
    hostsStore(local, () => scriptedClient({}));
    render(<AllHostsView />);
    fireEvent.click(screen.getByTestId('add-host-button'));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'new' } });
    fireEvent.change(screen.getByLabelText('SSH target'), { target: { value: 'me@nowhere' } });
    fireEvent.change(screen.getByLabelText('SSH options (optional)'), { target: { value: ' -p 2222  -i key ' } });
    fireEvent.click(screen.getByTestId('add-host-submit'));
    expect((await screen.findByTestId('add-host-error')).textContent).toBe(
      'ssh: Could not resolve hostname nowhere. Check the ssh target.',
    );
    expect(sent[0]).toEqual({ name: 'new', target: 'me@nowhere', sshOptions: ['-p', '2222', '-i', 'key'] });

    fireEvent.click(screen.getByTestId('add-host-submit'));
    await expect.poll(() => screen.queryByTestId('add-host-form')).toBeNull();
    expect(useStore.getState().hosts.map((host) => host.name)).toEqual(['box', 'lab', 'new']);
  });
});
