import type { CommandResult } from '../../../shared/commands.js';
import type { Repo, RepoSettings } from '../../../shared/repo.js';
import { requireClient } from './require-client.js';
import type { Slice } from './slice.js';

/** A repository's branches as the engine reports them: the user's first, task branches marked. */
export type BranchList = CommandResult<'repo/branches'>;

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
});

function upsert(repos: Repo[], repo: Repo): Repo[] {
  return repos.some((existing) => existing.id === repo.id) ? repos.map((existing) => (existing.id === repo.id ? repo : existing)) : [...repos, repo];
}
