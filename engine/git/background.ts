import { AsyncLocalStorage } from 'node:async_hooks';

/** The most git processes the engine runs at once for its own background work (counts, overlaps, reconciliation). */
export const maxBackgroundGit = 4;

const background = new AsyncLocalStorage<true>();
const waiting: (() => void)[] = [];
let running = 0;
let peak = 0;

/**
 * Runs `work` as background work: every git call it makes (through awaits and timers it starts) waits for one of
 * `maxBackgroundGit` slots, so however many worktrees the engine watches, its background git stays bounded and what
 * the user asked for (which never waits here) keeps the machine.
 */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

/** Whether the calling code runs as background work. */
export function isBackground(): boolean {
  return background.getStore() === true;
}

/** Takes a background slot, waiting while all are taken; call the returned function to give it back. */
export async function backgroundSlot(): Promise<() => void> {
  if (running >= maxBackgroundGit) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  peak = Math.max(peak, running);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    running -= 1;
    waiting.shift()?.();
  };
}

/** The most background git processes that ran at once since the last reset (for tests and the bench). */
export function backgroundGitPeak(reset = false): number {
  const value = peak;
  if (reset) peak = running;
  return value;
}
