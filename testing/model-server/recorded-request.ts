import type { ApiKind, ScriptStep } from './scenario-types.js';
import type { StreamOutcome } from './stream-writer.js';

/** How the server's answer to a request ended: still going, a whole answer, or how a stream ended. */
export type RequestOutcome = 'pending' | 'answered' | StreamOutcome;

/** One request the server received, for tests to assert on; fields fill in as the answer goes out. */
export interface RecordedRequest {
  /** 1-based position among all requests this server received. */
  number: number;
  method: string;
  /** The path without its query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The parsed JSON body; the raw text when it was not JSON; null for requests without a body. */
  body: unknown;
  /** The model API the endpoint speaks; null for `/`, `/v1/models` and unknown paths. */
  api: ApiKind | null;
  stream: boolean;
  /** The scenario and kind of the step that answered; null when no step was used. */
  scenario: string | null;
  step: ScriptStep['kind'] | null;
  status: number;
  outcome: RequestOutcome;
  /** Whole SSE events sent, for streamed answers. */
  eventsWritten: number;
  /** When its body had arrived, on this process's `performance.now()` clock (for benchmarks). */
  receivedAt: number;
}
