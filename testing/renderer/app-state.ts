import { defaultRepoSettings } from '../../shared/repo.js';
import type { Repo } from '../../shared/repo.js';
import { defaultEngineSettings } from '../../shared/repo.js';
import type { Task } from '../../shared/task.js';
import { useStore } from '../../renderer/src/store/store.js';
import type { ScriptedClient } from './fake-client.js';

/** A repository as the engine reports it, for tests. */
export function sampleRepo(overrides: Partial<Repo> = {}): Repo {
  return {
    id: 'r1',
    name: 'webapp',
    path: '/code/webapp',
    addedAt: '2025-01-01T00:00:00.000Z',
    settings: { ...defaultRepoSettings },
    ...overrides,
  };
}

/** Resets the app's store to a loaded state with the given client, repositories and tasks. */
export function loadStore(client: ScriptedClient, repos: Repo[], tasks: Task[] = []): void {
  useStore.setState(useStore.getInitialState(), true);
  useStore.setState({
    client,
    connection: 'open',
    repos,
    reposLoaded: true,
    tasks: Object.fromEntries(tasks.map((task) => [task.id, task])),
    tasksLoaded: true,
    engineSettings: { ...defaultEngineSettings },
    agents: [
      {
        id: 'scripted',
        name: 'Scripted test agent',
        available: true,
        detail: 'Built in.',
        configurable: false,
        path: null,
        configHome: null,
        leadsTeams: false,
      },
      {
        id: 'builtin',
        name: 'Flotilla agent',
        available: false,
        detail: 'Set an API key.',
        configurable: false,
        path: null,
        configHome: null,
        leadsTeams: true,
      },
    ],
    prices: {},
  });
  client.subscribe((events) => useStore.getState().ingestEvents(events));
}
