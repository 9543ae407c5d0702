/** A scheduled piece of idle work that can still be called off. */
export interface IdleHandle {
  cancel(): void;
}

/**
 * Runs `work` when the browser is idle (at the latest after `timeoutMs`), so it never competes
 * with the frame the user is waiting for; falls back to a short timer where there is no
 * requestIdleCallback (jsdom, old engines).
 */
export function whenIdle(work: () => void, timeoutMs = 500): IdleHandle {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: timeoutMs });
    return { cancel: () => cancelIdleCallback(id) };
  }
  const id = setTimeout(work, 16);
  return { cancel: () => clearTimeout(id) };
}
