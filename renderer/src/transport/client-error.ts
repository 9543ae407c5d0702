import type { ErrorCode } from '../../../shared/errors.js';

/** An engine error as the renderer sees it: the engine's code and its message, which says what to do. */
export class ClientError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

/** Turns anything a transport threw into a ClientError, keeping an engine code and message when present. */
export function toClientError(error: unknown): ClientError {
  if (error instanceof ClientError) return error;
  if (typeof error === 'object' && error !== null) {
    const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof code === 'string' && typeof message === 'string') {
      return new ClientError(
        code as ErrorCode,
        message,
        typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : undefined,
      );
    }
    // Electron wraps errors thrown in the main process: "Error invoking remote method 'x': Error: message".
    if (typeof message === 'string')
      return new ClientError('internal', message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, ''));
  }
  return new ClientError('internal', String(error));
}

/** The message to show a person for any error. */
export function errorText(error: unknown): string {
  return toClientError(error).message;
}
