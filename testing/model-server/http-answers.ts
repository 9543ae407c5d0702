import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, type WireError } from './api-errors.js';
import { mintId } from './ids.js';
import type { ApiKind } from './scenario-types.js';

const maxBodyBytes = 64 * 1024 * 1024;

/** Reads a request body whole (model requests are JSON); stops collecting past 64 MB. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= maxBodyBytes) chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Flattens Node's header map to lower-case name → value (repeated headers joined with ", "). */
export function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** The request-id header each API sends with every answer. */
export function requestIdHeaders(api: ApiKind, requestId: string): Record<string, string> {
  return api === 'anthropic' ? { 'request-id': requestId } : { 'x-request-id': requestId };
}

/** Sends a JSON answer (Node leaves the body out for HEAD requests). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** Sends an HTTP error in the API's error shape, with its request id and any extra headers. */
export function sendError(
  response: ServerResponse,
  api: ApiKind,
  error: WireError,
  headers: Record<string, string> = {},
): void {
  const requestId = mintId('req_');
  sendJson(response, error.status, errorBody(api, error, requestId), {
    ...requestIdHeaders(api, requestId),
    ...headers,
  });
}
