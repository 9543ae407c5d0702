import { useRef } from 'react';
import { shallow } from 'zustand/shallow';

/**
 * True when two selector results hold the same values: arrays item by item, plain objects key by key. zustand's own
 * `shallow` copies both sides into Maps for every plain object; with a row or card per task re-running its selector on
 * every streamed event, that was most of what the window allocated (about 80 MB per 60 tasks in the memory bench).
 */
export function sameShallow(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index += 1) if (!Object.is(a[index], b[index])) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(a) as unknown;
  if (Array.isArray(b) || prototype !== Object.getPrototypeOf(b)) return false;
  // Maps, Sets and other iterables keep zustand's comparison.
  if (prototype !== Object.prototype && prototype !== null) return shallow(a, b);
  const first = a as Record<string, unknown>;
  const second = b as Record<string, unknown>;
  let keys = 0;
  for (const key in first) {
    if (!Object.hasOwn(first, key)) continue;
    keys += 1;
    if (!Object.hasOwn(second, key) || !Object.is(first[key], second[key])) return false;
  }
  for (const key in second) if (Object.hasOwn(second, key)) keys -= 1;
  return keys === 0;
}

/**
 * Wraps a store selector that builds a new array or object each time, so the component re-renders only when a value
 * in it changed (zustand's useShallow, compared by sameShallow).
 */
export function useShallow<S, U>(selector: (state: S) => U): (state: S) => U {
  const previous = useRef<{ value: U } | null>(null);
  return (state) => {
    const next = selector(state);
    if (previous.current && sameShallow(previous.current.value, next)) return previous.current.value;
    previous.current = { value: next };
    return next;
  };
}
