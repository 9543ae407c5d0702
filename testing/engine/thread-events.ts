import type { ThreadEvent, ThreadEventOf } from '../../shared/events.js';

/** The events of one type, typed as such. */
export function ofType<T extends ThreadEvent['type']>(events: readonly ThreadEvent[], type: T): ThreadEventOf<T>[] {
  return events.filter((event): event is ThreadEventOf<T> => event.type === type);
}
