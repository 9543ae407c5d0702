import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of [...listeners]) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const subscribeNever = () => () => undefined;

/**
 * The current time, ticking once a second for every component that reads it with `live` true
 * (one shared timer, stopped when nobody ticks), frozen otherwise.
 */
export function useNow(live: boolean): number {
  return useSyncExternalStore(live ? subscribe : subscribeNever, () => (live ? now : 0));
}
