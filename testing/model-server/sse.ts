/** One server-sent event; `delta` marks content deltas, which slow streams pace and faults count. */
export interface SseEvent {
  event: string | null;
  data: string;
  delta: boolean;
}

/** A named event carrying JSON, as Anthropic and the Responses API send them. */
export function namedEvent(event: string, payload: unknown, delta = false): SseEvent {
  return { event, data: JSON.stringify(payload), delta };
}

/** An unnamed `data:` event, as Chat Completions sends them (`raw` for the literal `[DONE]`). */
export function dataEvent(payload: unknown, delta = false, raw = false): SseEvent {
  return { event: null, data: raw ? String(payload) : JSON.stringify(payload), delta };
}

/** The bytes of one event on the wire, blank line included. */
export function encodeSse(event: SseEvent): string {
  const name = event.event === null ? '' : `event: ${event.event}\n`;
  const data = event.data
    .split('\n')
    .map((line) => `data: ${line}\n`)
    .join('');
  return `${name}${data}\n`;
}
