import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where Flotilla keeps its state: FLOTILLA_HOME when set, otherwise the OS's per-user app data
 * folder for "Flotilla" (the same folder Electron's app.getPath('userData') gives).
 */
export function resolveHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLOTILLA_HOME) return resolve(env.FLOTILLA_HOME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Flotilla');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Flotilla');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Flotilla');
}

/** The layout of files under FLOTILLA_HOME. */
export interface HomePaths {
  home: string;
  lock: string;
  repos: string;
  settings: string;
  secrets: string;
  pricing: string;
  taskIndex: string;
  threads: string;
  worktrees: string;
  logs: string;
  /** Automations and what each trigger last saw. */
  automations: string;
  /** Every run of every automation, appended as it moves on (the last line of a run wins). */
  automationRuns: string;
  /** The merge queues, per repository and base branch. */
  mergeQueues: string;
  /** The user's MCP servers (secrets are in `secrets`) and the approved `.mcp.json` hashes. */
  mcpServers: string;
  /** The remote hosts this side drives over ssh. */
  hosts: string;
}

/** Paths of everything Flotilla stores under its home. */
export function homePaths(home: string): HomePaths {
  return {
    home,
    lock: join(home, 'engine.lock'),
    repos: join(home, 'repos.json'),
    settings: join(home, 'settings.json'),
    secrets: join(home, 'secrets.json'),
    pricing: join(home, 'pricing.json'),
    taskIndex: join(home, 'tasks.json'),
    threads: join(home, 'threads'),
    worktrees: join(home, 'worktrees'),
    logs: join(home, 'logs'),
    automations: join(home, 'automations.json'),
    automationRuns: join(home, 'automation-runs.jsonl'),
    mergeQueues: join(home, 'merge-queues.json'),
    mcpServers: join(home, 'mcp-servers.json'),
    hosts: join(home, 'hosts.json'),
  };
}
