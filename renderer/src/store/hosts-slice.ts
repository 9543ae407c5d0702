import type { CommandParams } from '../../../shared/commands.js';
import type { EngineChange } from '../../../shared/engine-events.js';
import type { HostLinkState, HostStatus } from '../../../shared/hosts.js';
import { rememberHost } from '../hosts/host-choice.js';
import type { EngineClient } from '../transport/engine-client.js';
import type { HostClientOpener } from '../transport/pick-client.js';
import { ClientError } from '../transport/client-error.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';
import type { RootState } from './store.js';

/** What the switcher shows of one host's link: its state and why it failed or dropped. */
export interface HostLinkView {
  state: HostLinkState;
  error: string | null;
}

/** The remote hosts (hosts.json) and which one the window shows. */
export interface HostsSlice {
  /** The hosts host/list gave, in the order they were added. */
  hosts: HostStatus[];
  /** Whether the host list was read (or the engine has none to give). */
  hostsLoaded: boolean;
  /** The host the window shows; null for this machine. */
  activeHost: string | null;
  /** Each host's link as last told (host/list, then host.state changes). */
  hostLinks: Record<string, HostLinkView>;
  /** Opens a client of a host; null when the transport cannot switch (the desktop bridge). */
  openHostClient: HostClientOpener | null;
  /** The host remembered from last time, gone to once host/list confirms it is still there. */
  pendingHost: string | null;
  /** The task to open once the host switched to has loaded (a thread opened before would fail to load). */
  pendingTask: string | null;
  /** Stops following the current client (set by connect). */
  stopClient: (() => void) | null;
  /** Lets the window switch hosts: `open` makes clients, `remembered` is the host to go back to. */
  enableHosts(open: HostClientOpener, remembered: string | null): void;
  loadHosts(): Promise<void>;
  /** Shows another host (null: this machine): a new client, the store reloaded from it; then opens `taskId`. */
  switchHost(name: string | null, taskId?: string): void;
  /** Adds a host (host/add); the engine's error, which says what to do, is thrown as is. */
  addHost(input: CommandParams<'host/add'>): Promise<HostStatus>;
}

/** The state that belongs to the host shown, dropped on a switch; preferences and the host list stay. */
const keptOnSwitch = new Set<string>([
  'client',
  'notifier',
  'browserNotifications',
  'theme',
  'sidebarHidden',
  'fileTreeHidden',
  'splitWhenNarrow',
  'reviewViewMode',
  'sidebarFilter',
  'hosts',
  'hostsLoaded',
  'activeHost',
  'hostLinks',
  'openHostClient',
  'pendingHost',
  'stopClient',
]);

/** The host list as host/list (or a hosts.changed change) gives it; a link state told by host.state is newer. */
function withHosts(state: Pick<HostsSlice, 'hostLinks'>, hosts: HostStatus[]): Partial<HostsSlice> {
  return {
    hosts,
    hostsLoaded: true,
    hostLinks: {
      ...Object.fromEntries(hosts.map((host) => [host.name, { state: host.state, error: host.error ?? null }])),
      ...state.hostLinks,
    },
  };
}

/** A host change (host.state, hosts.changed) applied to the slice; nothing for other changes. */
export function applyHostChange(state: Pick<HostsSlice, 'hostLinks'>, change: EngineChange): Partial<HostsSlice> {
  if (change.type === 'hosts.changed') return withHosts(state, change.hosts);
  if (change.type !== 'host.state') return {};
  return { hostLinks: { ...state.hostLinks, [change.name]: { state: change.state, error: change.error ?? null } } };
}

/** Creates the hosts slice. */
export const createHostsSlice: Slice<HostsSlice> = (set, get, api) => ({
  hosts: [],
  hostsLoaded: false,
  activeHost: null,
  hostLinks: {},
  openHostClient: null,
  pendingHost: null,
  pendingTask: null,
  stopClient: null,
  enableHosts(open, remembered) {
    set({ openHostClient: open, pendingHost: remembered });
  },
  async loadHosts() {
    // A bridge without openHost (not the desktop's preload) reaches this machine's engine only.
    if (!get().openHostClient) return set({ hostsLoaded: true });
    const { hosts } = await requireClient(get())
      .call('host/list', {})
      .catch((error: unknown) => {
        // An engine without host commands has no remote hosts; any other failure is worth showing.
        if (error instanceof ClientError && error.code === 'invalidInput' && /Unknown method/.test(error.message))
          return { hosts: [] };
        throw error;
      });
    set((state) => withHosts(state, hosts));
    const pending = get().pendingHost;
    if (pending === null) return;
    set({ pendingHost: null });
    if (hosts.some((host) => host.name === pending)) get().switchHost(pending);
    else rememberHost(null);
  },
  switchHost(name, taskId) {
    const before = get();
    if (!before.openHostClient) return;
    if (name === before.activeHost) {
      if (taskId) before.selectTask(taskId);
      return;
    }
    rememberHost(name);
    before.stopClient?.();
    before.client?.close?.();
    const initial = api.getInitialState() as unknown as Record<string, unknown>;
    const reset = Object.fromEntries(
      Object.entries(initial).filter(([key, value]) => typeof value !== 'function' && !keptOnSwitch.has(key)),
    );
    set({ ...(reset as Partial<RootState>), activeHost: name, pendingTask: taskId ?? null });
    get().connect(before.openHostClient(name));
  },
  async addHost(input) {
    const { host, hosts } = await requireClient(get()).call('host/add', input);
    set((state) => withHosts(state, hosts));
    return host;
  },
});

/** Opens the task a switch asked for, once the host's state has loaded through `client` (still the one in use). */
export function openPendingTask(
  get: () => RootState,
  set: (partial: Partial<RootState>) => void,
  client: EngineClient | null,
): void {
  const taskId = get().pendingTask;
  if (taskId === null || get().client !== client) return;
  set({ pendingTask: null });
  get().selectTask(taskId);
}
