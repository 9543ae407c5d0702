import type { ErrorCode, ErrorData } from '../shared/errors.js';

/** An engine failure with a code clients switch on and a message that says what to do. */
export class EngineError extends Error {
  /** Machine-readable code from the shared contract. */
  readonly code: ErrorCode;
  /** Extra structured facts (file lists, refs) for clients that show more than the message. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }

  /** Plain data for the wire. */
  toData(): ErrorData {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into wire data, keeping engine errors' codes. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof EngineError) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}
