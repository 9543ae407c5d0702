import type { ServerResponse } from 'node:http';
import type { PlannedFault } from './plan.js';
import { encodeSse, type SseEvent } from './sse.js';

/** How a streamed answer ended, as tests assert it. */
export type StreamOutcome = 'completed' | 'failedMidStream' | 'dropped' | 'clientAborted';

/** A stream to write: its events, pacing, the fault to inject, and the event that breaks it off on error. */
export interface StreamJob {
  events: readonly SseEvent[];
  delayMs: number;
  fault: PlannedFault;
  errorEvent(position: number): SseEvent;
}

/** The result of writing a stream: how it ended and how many whole events went out. */
export interface StreamReport {
  outcome: StreamOutcome;
  eventsWritten: number;
}

function pause(ms: number, gone: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void gone.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Writes an SSE stream, pacing deltas and injecting the job's fault; stops as soon as the client goes
 * away, so aborted slow streams do not keep writing.
 */
export async function writeStream(
  response: ServerResponse,
  headers: Record<string, string>,
  job: StreamJob,
): Promise<StreamReport> {
  let closed = false;
  const gone = new Promise<void>((resolve) => response.once('close', () => ((closed = true), resolve())));
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
  response.flushHeaders();
  const chunks = job.events.map((event) => Buffer.from(encodeSse(event)));
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const dropAt = job.fault.kind === 'drop' ? (job.fault.afterBytes ?? Math.floor(total / 2)) : Infinity;
  const errorAt = job.fault.kind === 'error' ? errorPosition(job.events, job.fault.afterDeltas) : -1;
  let bytes = 0;
  for (const [position, event] of job.events.entries()) {
    if (position === errorAt) {
      response.end(encodeSse(job.errorEvent(position)));
      return { outcome: 'failedMidStream', eventsWritten: position + 1 };
    }
    if (event.delta && job.delayMs > 0) await pause(job.delayMs, gone);
    if (closed) return { outcome: 'clientAborted', eventsWritten: position };
    const chunk = chunks[position] ?? Buffer.alloc(0);
    if (bytes + chunk.length > dropAt) {
      await dropAfter(response, chunk.subarray(0, dropAt - bytes));
      return { outcome: 'dropped', eventsWritten: position };
    }
    bytes += chunk.length;
    if (!response.write(chunk)) await Promise.race([new Promise((resolve) => response.once('drain', resolve)), gone]);
  }
  if (closed) return { outcome: 'clientAborted', eventsWritten: job.events.length };
  response.end();
  return { outcome: 'completed', eventsWritten: job.events.length };
}

/** Where the error event replaces the stream: after `afterDeltas` deltas, or right after the last one. */
function errorPosition(events: readonly SseEvent[], afterDeltas: number): number {
  let seen = 0;
  let lastDelta = -1;
  for (const [position, event] of events.entries()) {
    if (!event.delta) continue;
    if (seen === afterDeltas) return position;
    seen += 1;
    lastDelta = position;
  }
  return lastDelta + 1;
}

/** Sends the last partial bytes, then destroys the socket so the client sees a broken stream. */
function dropAfter(response: ServerResponse, part: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const destroy = () => {
      response.destroy();
      resolve();
    };
    if (part.length === 0) destroy();
    else response.write(part, destroy);
  });
}
