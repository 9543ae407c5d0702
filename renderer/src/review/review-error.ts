import type { ErrorCode } from '../../../shared/errors.js';
import { toClientError } from '../transport/client-error.js';

/** An engine failure as the review UI keeps it: the code to branch on, and the engine's own message. */
export interface ReviewError {
  code: ErrorCode;
  /** The engine's message as is: it already says what to do. */
  message: string;
}

/** Turns anything an engine call rejected with into plain, storable error data. */
export function toReviewError(error: unknown): ReviewError {
  const { code, message } = toClientError(error);
  return { code, message };
}

/** The error kept when the store has no engine client yet. */
export const notConnected: ReviewError = {
  code: 'engineUnavailable',
  message: 'Not connected to the Flotilla engine yet; wait a moment and try again.',
};
