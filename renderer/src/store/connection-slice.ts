import type { EngineChange } from '../../../shared/engine-events.js';
import type { ThreadEvent } from '../../../shared/events.js';
import { errorText } from '../transport/client-error.js';
import type { ConnectionState, EngineClient } from '../transport/engine-client.js';
import { nextActivityLine } from '../thread/activity-line.js';
import type { CommandResult } from '../../../shared/commands.js';
import type { Task } from '../../../shared/task.js';
import type { Slice } from './slice.js';
import type { RootState } from './store.js';
import { applyQueueChange } from './queue-slice.js';
import { applyMcpChange } from './mcp-slice.js';
import { applyTerminalChange } from './terminals-slice.js';
import { applyAutomationChange, newInboxRuns } from './automations-slice.js';
import { applyRepoChange } from './repos-slice.js';
import { applySettingsChange } from './settings-slice.js';
import { foldTaskEvents } from './tasks-slice.js';
import { foldThreadEvents } from './threads-slice.js';
import { refFollower } from './unknown-refs.js';
import { applyHostChange, openPendingTask } from './hosts-slice.js';

/** What `engine/info` tells about the running engine. */
export type EngineInfo = CommandResult<'engine/info'>;

/** The connection to the engine, what it said about itself, and the live event feed. */
export interface ConnectionSlice {
  connection: ConnectionState;
  engineInfo: EngineInfo | null;
  /** Set when loading the initial state failed; says what went wrong. */
  loadError: string | null;
  /** The latest activity line per task, for the overview. */
  activity: Record<string, string>;
  /** Uses a client: follows its connection, folds its events, (re)loads state on every (re)connect. */
  connect(client: EngineClient): () => void;
  /** Fetches repositories, tasks, settings and open threads afresh. */
  refreshAll(): Promise<void>;
  /** Folds one batch of events into every slice in one store update. */
  ingestEvents(events: readonly ThreadEvent[]): void;
  /** Applies one engine change (repositories, settings, providers, prices, agents, automations) to its slices. */
  ingestChange(change: EngineChange): void;
}

/**
 * Folds a batch of events into activity lines (`tasks`, as before the batch, says whose turn runs); the same map when
 * none changed.
 */
export function foldActivity(
  activity: Record<string, string>,
  events: readonly ThreadEvent[],
  tasks: Record<string, Task> = {},
): Record<string, string> {
  let next: Record<string, string> | null = null;
  const running = new Map<string, boolean>();
  for (const event of events) {
    if (event.type === 'turn.started' || event.type === 'turn.ended')
      running.set(event.taskId, event.type === 'turn.started');
    const turnRunning = running.get(event.taskId) ?? (tasks[event.taskId]?.turnStartedAt ?? null) !== null;
    const previous = (next ?? activity)[event.taskId];
    const line = nextActivityLine(previous, event, turnRunning);
    if (line === undefined || line === previous) continue;
    next ??= { ...activity };
    next[event.taskId] = line;
  }
  return next ?? activity;
}

/** Creates the connection slice. */
export const createConnectionSlice: Slice<ConnectionSlice> = (set, get) => ({
  connection: 'connecting',
  engineInfo: null,
  loadError: null,
  activity: {},
  connect(client) {
    get().setClient(client);
    let opened = false;
    const stopEvents = client.subscribe((events) => get().ingestEvents(events));
    const stopChanges = client.onChange((change) => get().ingestChange(change));
    const stopConnection = client.onConnection((connection) => {
      set({ connection });
      if (connection !== 'open') return;
      // A host's engine is read once its link is connected (the host.state change that follows); the host list is
      // this machine's, so it loads now.
      const host = get().activeHost;
      if (host !== null) {
        // The server tells this socket the link's state next; count it as news, so a reconnect reloads.
        set((state: RootState) => ({
          hostLinks: { ...state.hostLinks, [host]: { state: 'connecting', error: null } },
        }));
        return void get()
          .loadHosts()
          .catch((error: unknown) => set({ loadError: errorText(error) }));
      }
      const reconnect = opened;
      opened = true;
      void get()
        .refreshAll()
        .then(() => {
          openPendingTask(get, set, client);
          return reconnect && get().client === client ? get().resyncThreads() : undefined;
        });
    });
    const stop = () => {
      stopEvents();
      stopChanges();
      stopConnection();
    };
    set({ stopClient: stop });
    return stop;
  },
  async refreshAll() {
    const state = get();
    try {
      const [info] = await Promise.all([
        state.client?.call('engine/info', {}) ?? null,
        state.loadRepos(),
        state.loadTasks(),
        state.loadSettings(),
        state.loadAutomations(),
        // An engine from before the merge queue has no queue/list: the window works without it.
        state.loadQueues().catch(() => undefined),
        state.loadHosts(),
      ]);
      if (get().client === state.client) set({ engineInfo: info, loadError: null });
    } catch (error) {
      // A load through the client of the host the window just left failed because it was closed: not worth a word.
      if (get().client === state.client) set({ loadError: errorText(error) });
    }
  },
  ingestEvents(events) {
    set((state: RootState) => ({
      tasks: foldTaskEvents(state.tasks, events),
      threads: foldThreadEvents(state.threads, events),
      activity: foldActivity(state.activity, events, state.tasks),
    }));
    refFollower(get, set)(events);
  },
  ingestChange(change) {
    const before = get();
    if (change.type === 'host.state') return followHost(get, set, change);
    if (change.type === 'hosts.changed') return set(applyHostChange(before, change));
    const repos = applyRepoChange(before, change);
    const settings = applySettingsChange(before, change);
    const automations = applyAutomationChange(before, change);
    if (repos !== before) set(repos);
    if (settings !== before) set(settings);
    if (automations !== before) set(automations);
    const queues = applyQueueChange(before, change);
    if (queues !== before) set(queues);
    const mcp = applyMcpChange(before, change);
    if (mcp !== before) set(mcp);
    const terminals = applyTerminalChange(before, change);
    if (terminals !== before) set(terminals);
    const news = newInboxRuns(before, change);
    if (news.length > 0) before.notifier?.notifyInbox(news);
    // Model pickers keep offering the models of a provider whose key or base URL another client changed.
    if (change.type === 'providers.changed')
      void get()
        .loadProviderModels()
        .catch(() => undefined);
  },
});

/**
 * Follows a host's link: the switcher's dot, and for the host shown, a reload once it is connected (the first time, and
 * after a drop, to catch up on what the link could not replay, such as tasks started meanwhile).
 */
function followHost(
  get: () => RootState,
  set: (partial: Partial<RootState>) => void,
  change: Extract<EngineChange, { type: 'host.state' }>,
): void {
  const before = get();
  const was = before.hostLinks[change.name]?.state;
  set(applyHostChange(before, change));
  if (change.name !== before.activeHost || change.state !== 'connected') return;
  if (was === 'connected' && before.tasksLoaded) return;
  const reconnect = before.tasksLoaded;
  void get()
    .refreshAll()
    .then(() => {
      openPendingTask(get, set, before.client);
      return reconnect && get().client === before.client ? get().resyncThreads() : undefined;
    });
}
