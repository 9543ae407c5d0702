import { realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { bubblewrapArgs } from './bubblewrap.js';
import { detectSandbox, type SandboxInfo, type SandboxKind } from './detect.js';
import { scrubEnvironment } from './environment.js';
import { findShell } from './find-executable.js';
import { gitDataPaths } from './git-data.js';
import type { SandboxPolicy } from './policy.js';
import { seatbeltArgs } from './seatbelt.js';

/** How to start one agent shell command: program, arguments, scrubbed environment, and how it is confined. */
export interface Launch {
  file: string;
  args: string[];
  env: Record<string, string>;
  /** The real worktree path, the command's working folder. */
  cwd: string;
  sandbox: SandboxKind;
}

/** What to launch. `sandbox` overrides detection (tests); by default the machine's sandbox is used. */
export interface LaunchRequest {
  command: string;
  worktree: string;
  policy: SandboxPolicy;
  env: Record<string, string | undefined>;
  sandbox?: SandboxInfo;
}

/**
 * Builds the launch of a shell command in a worktree under the policy: bubblewrap or sandbox-exec
 * when the machine has one (and the policy does not turn it off), else a plain shell. The
 * environment is always scrubbed.
 */
export async function prepareLaunch(request: LaunchRequest): Promise<Launch> {
  const cwd = await realpath(request.worktree);
  const env = scrubEnvironment(request.env);
  const shell = findShell(env.PATH ?? process.env.PATH ?? '');
  const command = [shell, '-c', request.command];
  const info = request.policy.mode === 'off' ? null : (request.sandbox ?? (await detectSandbox()));
  const kind = info?.kind ?? 'none';
  switch (kind) {
    case 'none':
      return { file: shell, args: command.slice(1), env, cwd, sandbox: 'none' };
    case 'bubblewrap': {
      const readOnly = await gitDataPaths(cwd);
      // The sandbox's /tmp is a fresh tmpfs; caches go there since HOME is read-only.
      const inside = {
        ...env,
        TMPDIR: '/tmp',
        XDG_CACHE_HOME: '/tmp/.cache',
        npm_config_cache: '/tmp/.npm',
        GIT_OPTIONAL_LOCKS: '0',
      };
      const args = bubblewrapArgs({ worktree: cwd, readOnly, allowNetwork: request.policy.allowNetwork, command });
      return { file: info?.executable ?? 'bwrap', args, env: inside, cwd, sandbox: 'bubblewrap' };
    }
    case 'sandbox-exec': {
      const readOnly = await gitDataPaths(cwd);
      const temp = [
        ...new Set(
          await Promise.all([env.TMPDIR ?? tmpdir(), '/private/tmp'].map((path) => realpath(path).catch(() => path))),
        ),
      ];
      const args = seatbeltArgs({ worktree: cwd, temp, readOnly, allowNetwork: request.policy.allowNetwork, command });
      return {
        file: info?.executable ?? 'sandbox-exec',
        args,
        env: { ...env, GIT_OPTIONAL_LOCKS: '0' },
        cwd,
        sandbox: 'sandbox-exec',
      };
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`Unknown sandbox kind ${String(unreachable)}`);
    }
  }
}
