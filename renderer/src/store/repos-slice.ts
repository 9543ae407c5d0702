import type { CommandResult } from '../../../shared/commands.js';
import type { EngineChange } from '../../../shared/engine-events.js';
import type { Repo, RepoSettings } from '../../../shared/repo.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';

/** A repository's branches as the engine reports them: the user's first, task branches marked. */
export type BranchList = CommandResult<'repo/branches'>;

/** A verify command a repository's files suggest, and what it was found from. */
export type VerifySuggestion = CommandResult<'repo/suggestVerify'>['suggestions'][number];

/** Repositories added to Flotilla, and their branches once asked for. */
export interface ReposSlice {
  repos: Repo[];
  reposLoaded: boolean;
  branches: Record<string, BranchList>;
  loadRepos(): Promise<void>;
  /** Adds a repository; engine errors (not a git repo, no commits…) are thrown with their message. */
  addRepo(path: string): Promise<{ repo: Repo; alreadyAdded: boolean }>;
  removeRepo(repoId: string): Promise<void>;
  updateRepo(repoId: string, settings: Partial<RepoSettings>): Promise<void>;
  loadBranches(repoId: string): Promise<BranchList>;
  /** The verify commands the repository's files suggest, best first (reads files only; runs and sets nothing). */
  suggestVerify(repoId: string): Promise<VerifySuggestion[]>;
}

/** Creates the repositories slice. */
export const createReposSlice: Slice<ReposSlice> = (set, get) => ({
  repos: [],
  reposLoaded: false,
  branches: {},
  async loadRepos() {
    const { repos } = await requireClient(get()).call('repo/list', {});
    set({ repos, reposLoaded: true });
  },
  async addRepo(path) {
    const result = await requireClient(get()).call('repo/add', { path: path.trim() });
    set((state) => ({ repos: upsert(state.repos, result.repo) }));
    return result;
  },
  async removeRepo(repoId) {
    await requireClient(get()).call('repo/remove', { repoId });
    set((state) => ({ repos: state.repos.filter((repo) => repo.id !== repoId) }));
  },
  async updateRepo(repoId, settings) {
    const { repo } = await requireClient(get()).call('repo/update', { repoId, settings });
    set((state) => ({ repos: upsert(state.repos, repo) }));
  },
  async loadBranches(repoId) {
    const list = await requireClient(get()).call('repo/branches', { repoId });
    set((state) => ({ branches: { ...state.branches, [repoId]: list } }));
    return list;
  },
  async suggestVerify(repoId) {
    return (await requireClient(get()).call('repo/suggestVerify', { repoId })).suggestions;
  },
});

/**
 * Applies a repository change another client (or this one) made to the list; the same list when the
 * change is about something else. A removed repository's branch list goes too.
 */
export function applyRepoChange(
  state: Pick<ReposSlice, 'repos' | 'branches'>,
  change: EngineChange,
): Pick<ReposSlice, 'repos' | 'branches'> {
  switch (change.type) {
    case 'repo.added':
    case 'repo.updated':
      return { repos: upsert(state.repos, change.repo), branches: state.branches };
    case 'repo.removed': {
      if (!state.repos.some((repo) => repo.id === change.repoId) && !(change.repoId in state.branches)) return state;
      const { [change.repoId]: _removed, ...branches } = state.branches;
      return { repos: state.repos.filter((repo) => repo.id !== change.repoId), branches };
    }
    default:
      return state;
  }
}

function upsert(repos: Repo[], repo: Repo): Repo[] {
  return repos.some((existing) => existing.id === repo.id)
    ? repos.map((existing) => (existing.id === repo.id ? repo : existing))
    : [...repos, repo];
}
