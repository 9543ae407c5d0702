import { readFileSync, readdirSync } from 'node:fs';
import { ReadState } from './read-state.js';
import type { ToolContext } from './tool.js';

/** A tool context for tests: unsandboxed unless `sandbox` says otherwise, output collected in `output`. */
export function makeToolContext(cwd: string, overrides: Partial<ToolContext> = {}): ToolContext & { output: string[] } {
  const output: string[] = [];
  return {
    cwd,
    signal: new AbortController().signal,
    onOutput: (text) => output.push(text),
    readState: new ReadState(),
    sandbox: { mode: 'off', allowNetwork: false },
    env: process.env,
    output,
    ...overrides,
  };
}

/** A process seen in /proc (Linux), for checking that killed commands left nothing behind. */
export interface SeenProcess {
  pid: number;
  processGroup: number;
  commandLine: string;
}

/** The live (non-zombie) processes on this Linux machine. */
export function liveProcesses(): SeenProcess[] {
  const seen: SeenProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at its closing parenthesis.
      const [state, , processGroup] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      const commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      seen.push({ pid: Number(name), processGroup: Number(processGroup), commandLine });
    } catch {
      // The process ended while we looked.
    }
  }
  return seen;
}

/** Waits until no live process matches, up to `timeoutMs`; returns the ones still there. */
export async function waitForNoProcess(matches: (process: SeenProcess) => boolean, timeoutMs = 3_000): Promise<SeenProcess[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = liveProcesses().filter(matches);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
