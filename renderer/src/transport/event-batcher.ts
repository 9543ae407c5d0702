import type { EngineChange } from '../../../shared/engine-events.js';
import type { ThreadEvent } from '../../../shared/events.js';

/** Runs a callback once, soon; returns a function that cancels it. */
export type FrameScheduler = (callback: () => void) => () => void;

/** Background tabs pause animation frames; this bounds how long events may wait there. */
const hiddenTabDelayMs = 500;

/**
 * The default scheduler: the next animation frame, or a short timer when frames are paused
 * (hidden tab, no layout engine), whichever comes first.
 */
export const nextFrame: FrameScheduler = (callback) => {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancel();
    callback();
  };
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : null;
  const timer = setTimeout(run, typeof requestAnimationFrame === 'function' ? hiddenTabDelayMs : 16);
  const cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
  return () => {
    done = true;
    cancel();
  };
};

/** Collects events and hands them on together. */
export interface EventBatcher {
  push(event: ThreadEvent): void;
  /** Delivers whatever is waiting now. */
  flush(): void;
  dispose(): void;
}

/**
 * Buffers events and delivers them in one array per frame, so the store updates once per frame
 * however many events the engine streams.
 */
export function createEventBatcher(
  deliver: (events: readonly ThreadEvent[]) => void,
  schedule: FrameScheduler = nextFrame,
): EventBatcher {
  let buffer: ThreadEvent[] = [];
  let cancel: (() => void) | null = null;
  const flush = () => {
    cancel?.();
    cancel = null;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    deliver(batch);
  };
  return {
    push(event) {
      buffer.push(event);
      cancel ??= schedule(flush);
    },
    flush,
    dispose() {
      cancel?.();
      cancel = null;
      buffer = [];
    },
  };
}

/**
 * A set of batch listeners fed by one batcher, and the configuration changes arriving on the same
 * stream: what both transports use for `subscribe` and `onChange`. A change first delivers the
 * thread events that came before it, so the store sees the stream in the engine's order.
 */
export function createEventFanout(schedule?: FrameScheduler): {
  batcher: EventBatcher;
  subscribe(listener: (events: readonly ThreadEvent[]) => void): () => void;
  /** Hands on a configuration change, after the thread events already waiting. */
  change(change: EngineChange): void;
  onChange(listener: (change: EngineChange) => void): () => void;
} {
  const listeners = new Set<(events: readonly ThreadEvent[]) => void>();
  const changeListeners = new Set<(change: EngineChange) => void>();
  const batcher = createEventBatcher((events) => {
    for (const listener of [...listeners]) listener(events);
  }, schedule);
  return {
    batcher,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    change(change) {
      batcher.flush();
      for (const listener of [...changeListeners]) listener(change);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}
