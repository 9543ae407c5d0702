import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { findExecutable } from '../sandbox/find-executable.js';

/** Where an agent's program was found, or why not. */
export type BinaryLookup = { found: true; path: string } | { found: false; detail: string };

/**
 * Finds an agent's program: the path from agents.json when given (absolute, or a name looked up on
 * PATH), else the first of `names` found (absolute ones as they are, others on PATH).
 */
export function findAgentBinary(
  names: readonly string[],
  configured: string | undefined,
  searchPath = process.env.PATH ?? '',
): BinaryLookup {
  if (configured !== undefined) {
    if (isAbsolute(configured)) {
      if (isExecutableFile(configured)) return { found: true, path: configured };
      return { found: false, detail: `${configured} (the path set for it in Settings) is not an executable file.` };
    }
    const onPath = findExecutable(configured, searchPath);
    if (onPath) return { found: true, path: onPath };
    return { found: false, detail: `"${configured}" (the path set for it in Settings) is not on PATH.` };
  }
  for (const name of names) {
    if (isAbsolute(name)) {
      if (isExecutableFile(name)) return { found: true, path: name };
      continue;
    }
    const onPath = findExecutable(name, searchPath);
    if (onPath) return { found: true, path: onPath };
  }
  return { found: false, detail: `${names.map((name) => `"${name}"`).join(' or ')} is not on PATH.` };
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The result of running a short informational command (`--version`, a status check). */
export interface CommandOutput {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Runs a quick, non-interactive command (no stdin) with a timeout; never throws. */
export function runQuick(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<CommandOutput> {
  return new Promise((resolve) => {
    const shell = process.platform === 'win32' && /\.(cmd|bat)$/i.test(file);
    const child = execFile(
      file,
      [...args],
      { env, timeout: timeoutMs, encoding: 'utf8', shell, windowsHide: true },
      (error, stdout, stderr) => {
        resolve({ ok: !error, stdout: String(stdout).trim(), stderr: String(stderr).trim() });
      },
    );
    child.stdin?.end();
  });
}

const versions = new Map<string, Promise<string | null>>();

/**
 * The program's `--version` output (first line), or null when it does not answer; remembered until the file changes.
 */
export function versionOf(file: string, env: Record<string, string>): Promise<string | null> {
  let key = file;
  try {
    key = `${file}\0${statSync(file).mtimeMs}`;
  } catch {
    // Not statable: ask every time.
  }
  const known = versions.get(key);
  if (known) return known;
  const asked = runQuick(file, ['--version'], env).then((output) => {
    const line = (output.stdout || output.stderr).split('\n').find((text) => text.trim() !== '');
    if (!output.ok || !line) versions.delete(key);
    return output.ok && line ? line.trim() : null;
  });
  versions.set(key, asked);
  return asked;
}
