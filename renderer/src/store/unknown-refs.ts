import type { ThreadEvent } from '../../../shared/events.js';
import type { RootState } from './store.js';

type Follower = (events: readonly ThreadEvent[]) => void;
const followers = new WeakMap<() => RootState, Follower>();

/** The follower of one store (made on first use), keyed by the store's `get`. */
export function refFollower(get: () => RootState, set: (partial: Partial<RootState>) => void): Follower {
  let follower = followers.get(get);
  if (!follower) {
    follower = createRefFollower(get, set);
    followers.set(get, follower);
  }
  return follower;
}

/**
 * Follows what the event stream names that the window does not know yet: a task in a repository
 * added by another client (the CLI, another window), or events of a task it never saw created.
 * Asks the engine once per unknown id, never once per event: one repository list in flight at a
 * time (asked again afterwards only if something new turned up meanwhile), one task/get per task.
 */
export function createRefFollower(get: () => RootState, set: (partial: Partial<RootState>) => void): Follower {
  const askedRepos = new Set<string>();
  const askedTasks = new Set<string>();
  let listing: Promise<void> | null = null;

  const unknownRepos = (state: RootState): string[] => {
    const known = new Set(state.repos.map((repo) => repo.id));
    const missing = new Set<string>();
    for (const task of Object.values(state.tasks))
      if (!known.has(task.repoId) && !askedRepos.has(task.repoId)) missing.add(task.repoId);
    return [...missing];
  };

  const listRepos = () => {
    const state = get();
    if (listing || !state.reposLoaded) return;
    const missing = unknownRepos(state);
    if (missing.length === 0) return;
    for (const id of missing) askedRepos.add(id);
    listing = state
      .loadRepos()
      .catch(() => {
        // Asked again when the next event names one of them.
        for (const id of missing) askedRepos.delete(id);
      })
      .finally(() => {
        listing = null;
        listRepos();
      });
  };

  return (events) => {
    const state = get();
    if (!state.tasksLoaded) return;
    for (const event of events) {
      if (event.type === 'task.created' || state.tasks[event.taskId] || askedTasks.has(event.taskId)) continue;
      askedTasks.add(event.taskId);
      void state.client
        ?.call('task/get', { taskId: event.taskId })
        .then(({ task }) => {
          const tasks = get().tasks;
          if (!tasks[task.id]) set({ tasks: { ...tasks, [task.id]: task } });
          listRepos();
        })
        .catch(() => askedTasks.delete(event.taskId));
    }
    listRepos();
  };
}
