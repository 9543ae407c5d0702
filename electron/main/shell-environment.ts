import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** The login shell's environment, or why it could not be read. */
export type ShellEnvironment = { ok: true; env: Record<string, string> } | { ok: false; reason: string };

// The shell's own bookkeeping and Electron's switches say nothing about where the user's tools are.
const ignored = new Set(['_', 'PWD', 'OLDPWD', 'SHLVL', 'PS1', 'PS2', 'TERM', 'COLUMNS', 'LINES']);

/**
 * Reads the environment of the user's login shell (`$SHELL -ilc env`). An app started from the
 * Dock, Finder or a desktop launcher gets a bare PATH and none of what ~/.zshrc or ~/.profile set
 * (Homebrew, nvm, the `claude` and `codex` binaries, SSH agent, API keys), so agents would not be
 * found. Output the rc files print is skipped; a shell that hangs is given up on after `timeoutMs`.
 */
export function readShellEnvironment(shell: string | undefined, timeoutMs = 10_000): Promise<ShellEnvironment> {
  if (process.platform === 'win32')
    return Promise.resolve({ ok: false, reason: 'Windows programs get the user environment already.' });
  if (!shell) return Promise.resolve({ ok: false, reason: 'SHELL is not set.' });
  const mark = `__flotilla_${randomBytes(6).toString('hex')}__`;
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(shell, ['-ilc', `printf '%s' '${mark}'; command env -0; printf '%s' '${mark}'`], {
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined, ELECTRON_NO_ATTACH_CONSOLE: '1' },
    });
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      resolve({ ok: false, reason: `${shell} did not finish starting within ${timeoutMs / 1000} s.` });
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `${shell} could not start: ${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const start = output.indexOf(mark);
      const end = output.lastIndexOf(mark);
      if (start < 0 || end <= start)
        return resolve({
          ok: false,
          reason: `${shell} exited with ${code ?? 'a signal'} without printing its environment.`,
        });
      resolve({ ok: true, env: parseEnv(output.slice(start + mark.length, end)) });
    });
  });
}

function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of text.split('\0')) {
    const equals = entry.indexOf('=');
    if (equals <= 0) continue;
    const key = entry.slice(0, equals);
    if (!ignored.has(key) && !key.startsWith('ELECTRON_')) env[key] = entry.slice(equals + 1);
  }
  return env;
}

/**
 * The app's environment with the login shell's mixed in: the shell's values win (its PATH is the
 * one the user's tools are on), the app keeps everything the shell does not set.
 */
export function withShellEnvironment(current: NodeJS.ProcessEnv, shell: ShellEnvironment): NodeJS.ProcessEnv {
  return shell.ok ? { ...current, ...shell.env } : current;
}
