import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bubblewrapArgs } from './bubblewrap.js';
import { findExecutable, findShell } from './find-executable.js';

/** Which sandbox confines agent commands on this machine. */
export type SandboxKind = 'bubblewrap' | 'sandbox-exec' | 'none';

/** The sandbox found on this machine; with kind 'none' the UI labels commands "unsandboxed" and `detail` says why. */
export interface SandboxInfo {
  kind: SandboxKind;
  detail: string;
  /** The sandbox program to run, when there is one. */
  executable: string | null;
}

/** Where macOS keeps sandbox-exec. */
export const sandboxExecPath = '/usr/bin/sandbox-exec';
const probeTimeoutMs = 10_000;
let cached: Promise<SandboxInfo> | undefined;

/** The sandbox of this machine, probed once by actually starting it (installed is not the same as usable). */
export function detectSandbox(): Promise<SandboxInfo> {
  cached ??= probeSandbox(process.platform, process.env.PATH ?? '');
  return cached;
}

/** Probes for a usable sandbox without the cache: starts it once with a trivial command. */
export async function probeSandbox(platform: NodeJS.Platform, searchPath: string): Promise<SandboxInfo> {
  const shell = findShell(searchPath);
  if (platform === 'linux') {
    const bwrap = findExecutable('bwrap', searchPath);
    if (!bwrap)
      return none('bubblewrap (bwrap) is not installed; install the "bubblewrap" package to sandbox agent commands.');
    const scratch = await mkdtemp(join(tmpdir(), 'flotilla-sandbox-probe-'));
    const args = bubblewrapArgs({
      worktree: scratch,
      readOnly: [],
      allowNetwork: false,
      command: [shell, '-c', 'exit 0'],
    });
    const failed = await runProbe(bwrap, args).finally(() => rm(scratch, { recursive: true, force: true }));
    if (failed)
      return none(
        `bubblewrap is installed but cannot start here (${failed}); user namespaces may be disabled, as in many containers.`,
      );
    return {
      kind: 'bubblewrap',
      detail: `bubblewrap (${bwrap}): worktree writable, git data read-only, rest of the system read-only.`,
      executable: bwrap,
    };
  }
  if (platform === 'darwin') {
    if (!existsSync(sandboxExecPath)) return none('sandbox-exec is missing from this Mac.');
    const failed = await runProbe(sandboxExecPath, ['-p', '(version 1)(allow default)', shell, '-c', 'exit 0']);
    if (failed) return none(`sandbox-exec cannot start here (${failed}).`);
    return {
      kind: 'sandbox-exec',
      detail: 'macOS sandbox-exec: writes only to the worktree and temp folders.',
      executable: sandboxExecPath,
    };
  }
  return none(`No sandbox is available on ${platform}.`);
}

function none(detail: string): SandboxInfo {
  return { kind: 'none', detail, executable: null };
}

/** Runs a probe; resolves to null on success or a short reason on failure. */
function runProbe(file: string, args: readonly string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: probeTimeoutMs, encoding: 'utf8' }, (error, _stdout, stderr) => {
      if (!error) return resolve(null);
      const reason = stderr.trim().split('\n')[0] || error.message;
      resolve(reason.slice(0, 300));
    });
  });
}
