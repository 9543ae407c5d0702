import type { ApiErrorKind, ApiKind } from './scenario-types.js';

/** An error as one API puts it on the wire: HTTP status, error type, optional code and message. */
export interface WireError {
  status: number;
  type: string;
  code: string | null;
  message: string;
}

interface ErrorFacts {
  anthropic: { status: number; type: string };
  openai: { status: number; type: string; code: string | null };
  message: string;
}

const facts: Record<ApiErrorKind, ErrorFacts> = {
  rateLimit: {
    anthropic: { status: 429, type: 'rate_limit_error' },
    openai: { status: 429, type: 'requests', code: 'rate_limit_exceeded' },
    message: 'scripted model server: rate limit reached, retry after the delay in retry-after-ms',
  },
  overloaded: {
    anthropic: { status: 529, type: 'overloaded_error' },
    openai: { status: 503, type: 'server_error', code: 'server_is_overloaded' },
    message: 'scripted model server: overloaded',
  },
  badRequest: {
    anthropic: { status: 400, type: 'invalid_request_error' },
    openai: { status: 400, type: 'invalid_request_error', code: null },
    message: 'scripted model server: invalid request',
  },
  authentication: {
    anthropic: { status: 401, type: 'authentication_error' },
    openai: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
    message: 'scripted model server: invalid x-api-key / API key',
  },
  server: {
    anthropic: { status: 500, type: 'api_error' },
    openai: { status: 500, type: 'server_error', code: null },
    message: 'scripted model server: internal error',
  },
};

/** How `kind` looks on `api`'s wire, with an optional message and status override. */
export function wireError(kind: ApiErrorKind, api: ApiKind, message?: string, status?: number): WireError {
  const fact = facts[kind];
  const side = api === 'anthropic' ? { ...fact.anthropic, code: null } : fact.openai;
  return { status: status ?? side.status, type: side.type, code: side.code, message: message ?? fact.message };
}

/** A 404 for an unknown path or method, in the API's shape. */
export function notFoundError(api: ApiKind, method: string, path: string): WireError {
  const message = `scripted model server: no endpoint ${method} ${path}`;
  return api === 'anthropic'
    ? { status: 404, type: 'not_found_error', code: null, message }
    : { status: 404, type: 'invalid_request_error', code: 'unknown_url', message };
}

/** The JSON body of an HTTP error answer: Anthropic `{type:'error', error, request_id}`, OpenAI `{error}`. */
export function errorBody(api: ApiKind, error: WireError, requestId: string): unknown {
  if (api === 'anthropic')
    return { type: 'error', error: { type: error.type, message: error.message }, request_id: requestId };
  return { error: { message: error.message, type: error.type, param: null, code: error.code } };
}
