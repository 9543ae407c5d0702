import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach } from 'vitest';
import { runCli } from '../../cli/main.js';
import { isProcessAlive, readHomeLock } from '../../engine/host/home-lock.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../engine/temp-repo.js';
import { captureIo } from './test-io.js';

/** What a `flotilla` invocation gave: its exit code and what it printed. */
export interface CliOutcome {
  code: number;
  out: string;
  err: string;
}

/** A fresh FLOTILLA_HOME and repository per test, and `cli(...)` to run the flotilla command in them. */
export interface CliHome {
  readonly temp: string;
  readonly home: string;
  readonly repo: TempRepo;
  cli(...argv: string[]): Promise<CliOutcome>;
}

/**
 * Sets up, for each test of the calling describe block, a temp folder with FLOTILLA_HOME and a repository (`files`,
 * a README by default), and afterwards stops whatever engine still holds the home (a background one) and removes it all.
 * Hooks the caller adds later run before this clean-up, so they can close engines of their own first.
 */
export function useCliHome(files: Record<string, string> = { 'README.md': '# demo\n' }): CliHome {
  let temp = '';
  let repo: TempRepo | null = null;
  beforeEach(() => {
    temp = makeTempDir();
    repo = createTempRepo(files, temp);
  });
  afterEach(async () => {
    await stopHomeEngine(`${temp}/home`);
    removeTemp(temp);
  });
  return {
    get temp() {
      return temp;
    },
    get home() {
      return `${temp}/home`;
    },
    get repo() {
      if (!repo) throw new Error('useCliHome: the repository exists only inside a test');
      return repo;
    },
    async cli(...argv) {
      const io = captureIo(`${temp}/home`, { cwd: temp });
      const code = await runCli(argv, io);
      return { code, out: io.out(), err: io.err() };
    },
  };
}

/** Stops the engine another process runs on the home (SIGTERM), waiting up to 10 s for it to exit. */
export async function stopHomeEngine(home: string): Promise<void> {
  const holder = await readHomeLock(home);
  if (!holder || holder.pid === process.pid || !isProcessAlive(holder.pid)) return;
  process.kill(holder.pid, 'SIGTERM');
  for (let tries = 0; tries < 200 && isProcessAlive(holder.pid); tries += 1) await sleep(50);
}
