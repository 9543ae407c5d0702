import { existsSync } from 'node:fs';
import { setupEnvironment } from '../tasks/setup-script.js';

/** The program a terminal runs and its arguments. */
export interface ShellCommand {
  file: string;
  args: string[];
}

/**
 * The user's shell: $SHELL where it exists (the login shell the user chose), else bash or sh; on Windows, COMSPEC or
 * PowerShell. Interactive, not a login shell, like an editor's terminal.
 */
export function userShell(env: NodeJS.ProcessEnv = process.env, platform = process.platform): ShellCommand {
  if (platform === 'win32') return { file: env.COMSPEC ?? 'powershell.exe', args: [] };
  const candidates = [env.SHELL, '/bin/bash', '/bin/sh'].filter((path): path is string => Boolean(path));
  return { file: candidates.find((path) => existsSync(path)) ?? '/bin/sh', args: [] };
}

/**
 * A terminal's environment: the engine's own (the user's, as the engine was started), minus the credentials and
 * Node/Electron switches the engine never hands to scripts (a key the desktop app keeps must not show in `env`), plus
 * what says where the shell is.
 */
export function terminalEnvironment(
  env: NodeJS.ProcessEnv,
  where: { taskId: string; worktree: string },
): Record<string, string> {
  return {
    ...setupEnvironment(env),
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    FLOTILLA_TASK_ID: where.taskId,
    FLOTILLA_WORKTREE: where.worktree,
  };
}
