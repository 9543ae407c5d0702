import { z } from 'zod';
import {
  defaultEngineSettings,
  engineSettingsSchema,
  repoSchema,
  type EngineSettings,
  type Repo,
} from '../../shared/repo.js';
import { readJsonFile, writeJsonFile } from './json-file.js';

const reposFileSchema = z.object({ repos: z.array(repoSchema) });

/** Loads the added repositories (empty when none or unreadable). */
export function loadRepos(path: string): Repo[] {
  return readJsonFile(path, reposFileSchema)?.repos ?? [];
}

/** Saves the added repositories. */
export function saveRepos(path: string, repos: readonly Repo[]): void {
  writeJsonFile(path, { repos });
}

/**
 * Loads engine settings, filling in defaults for anything missing. FLOTILLA_DEFAULT_AGENT sets
 * the default agent of a home that has not chosen one (the test suites use the scripted agent).
 */
export function loadSettings(path: string, env: NodeJS.ProcessEnv = process.env): EngineSettings {
  const stored = readJsonFile(path, engineSettingsSchema.partial());
  const defaultAgent = env.FLOTILLA_DEFAULT_AGENT || defaultEngineSettings.defaultAgent;
  return { ...defaultEngineSettings, defaultAgent, ...stored };
}

/** Saves engine settings. */
export function saveSettings(path: string, settings: EngineSettings): void {
  writeJsonFile(path, settings);
}
