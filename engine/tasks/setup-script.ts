import { spawn } from 'node:child_process';
import { forbiddenEnvironment } from '../agents/sandbox/environment.js';
import { EngineError } from '../errors.js';

/**
 * Runs a repository's setup script in a new worktree with `sh -c`, streaming its output as it
 * comes. Killed (with its process group) when `signal` aborts. Fails with the exit code and the
 * end of its output.
 */
export async function runSetupScript(
  script: string,
  cwd: string,
  onOutput: (text: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const shell = process.platform === 'win32' ? 'cmd.exe' : '/bin/sh';
  const args = process.platform === 'win32' ? ['/d', '/s', '/c', script] : ['-c', script];
  const child = spawn(shell, args, {
    cwd,
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...setupEnvironment(process.env), FLOTILLA_WORKTREE: cwd },
  });
  let tail = '';
  const take = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-2000);
    onOutput(text);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const kill = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  signal.addEventListener('abort', kill, { once: true });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (exitCode) => resolve(exitCode));
    });
    if (signal.aborted) throw new EngineError('setupFailed', 'The setup script was stopped.');
    if (code !== 0) {
      throw new EngineError(
        'setupFailed',
        `The setup script exited with code ${code ?? 'signal'}. Fix it in the repository settings. Last output:\n${tail.trim()}`,
      );
    }
  } finally {
    signal.removeEventListener('abort', kill);
  }
}

/**
 * The environment of a setup script: the user's own (package managers need their proxies and
 * caches), minus credentials and Node/Electron switches, which never reach repository scripts.
 */
export function setupEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !forbiddenEnvironment.some((pattern) => pattern.test(key))) result[key] = value;
  }
  return result;
}
