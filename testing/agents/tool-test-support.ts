import { liveProcesses as readProcesses, type SeenProcess } from '../../engine/agents/process-table.js';
import { ReadState } from '../../engine/agents/tools/read-state.js';
import type { ToolContext } from '../../engine/agents/tools/tool.js';

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

/** The live processes with their command lines, for checking that killed commands left nothing behind. */
export function liveProcesses(): SeenProcess[] {
  return readProcesses(true);
}

/** Waits until no live process matches, up to `timeoutMs`; returns the ones still there. */
export async function waitForNoProcess(
  matches: (process: SeenProcess) => boolean,
  timeoutMs = 3_000,
): Promise<SeenProcess[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = liveProcesses().filter(matches);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
