import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EngineSettings, Repo } from '../../shared/repo.js';
import { EngineError } from '../errors.js';
import { gitCommonDir } from '../git/common-dir.js';
import type { HomePaths } from '../home.js';
import { loadRepos, loadSettings, saveRepos, saveSettings } from './config-store.js';

/** A repository as the engine holds it: the stored record plus its shared git dir. */
export interface RepoEntry {
  repo: Repo;
  commonDir: string;
}

/** The engine's configuration: the added repositories and the engine settings, and saving them. */
export class EngineConfig {
  /** Added repositories by id. */
  readonly repos = new Map<string, RepoEntry>();
  /** Called after every save, so a changed concurrency limit applies at once. */
  onSave: () => void = () => undefined;

  private constructor(
    private readonly paths: HomePaths,
    /** Engine-wide settings; change them in place, then save(). */
    readonly settings: EngineSettings,
  ) {}

  /** Loads repos and settings from FLOTILLA_HOME. */
  static async load(paths: HomePaths): Promise<EngineConfig> {
    const config = new EngineConfig(paths, loadSettings(paths.settings));
    for (const repo of loadRepos(paths.repos))
      config.repos.set(repo.id, { repo, commonDir: await commonDirOf(repo.path) });
    return config;
  }

  /** An added repository by id, or a clear error. */
  requireRepo(repoId: string): RepoEntry {
    const entry = this.repos.get(repoId);
    if (!entry)
      throw new EngineError('notFound', `No repository with id "${repoId}". See \`flotilla repo list\` for the ids.`);
    return entry;
  }

  /** Saves repos and settings. */
  save(): void {
    saveRepos(
      this.paths.repos,
      [...this.repos.values()].map((entry) => entry.repo),
    );
    saveSettings(this.paths.settings, this.settings);
    this.onSave();
  }
}

/** Fails clearly when a repository's folder has vanished. */
export function assertFolder(entry: RepoEntry): void {
  if (!existsSync(entry.repo.path)) {
    throw new EngineError(
      'folderMissing',
      `The repository folder ${entry.repo.path} no longer exists. Restore it or remove the repository from Flotilla.`,
    );
  }
}

async function commonDirOf(path: string): Promise<string> {
  // A repository whose folder vanished still needs a key; reconcile reports the missing folder.
  if (!existsSync(path)) return resolve(path, '.git');
  return gitCommonDir(path).catch(() => resolve(path, '.git'));
}
