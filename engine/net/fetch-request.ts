import { PlainHeaders } from './plain-headers.js';
import { PlainResponse } from './plain-response.js';

type FetchInput = Parameters<typeof fetch>[0];
type FetchInit = NonNullable<Parameters<typeof fetch>[1]>;
type HeadersInit = ConstructorParameters<typeof PlainHeaders>[0];

/** A fetch call's request as httpFetch sends it: every kind of body already turned into bytes. */
export interface FetchRequest {
  url: URL;
  method: string;
  headers: PlainHeaders;
  payload: Buffer | null;
  signal: AbortSignal | undefined;
  redirect: RequestRedirect;
}

/**
 * Reads a fetch call's input and options as fetch does: a Request's own fields unless the options replace them, and
 * the body (text, bytes, a blob, search params, a stream or a form) as bytes, with the content type fetch would give it
 * when the caller set none.
 */
export async function fetchRequest(input: FetchInput, init: FetchInit): Promise<FetchRequest> {
  const request = typeof input === 'string' || input instanceof URL ? null : input;
  const headers = new PlainHeaders((init.headers ?? request?.headers) as HeadersInit);
  const body = init.body !== undefined ? init.body : request?.body ? await request.arrayBuffer() : null;
  const { bytes, contentType } = await bodyBytes(body);
  if (contentType && !headers.has('content-type')) headers.set('content-type', contentType);
  return {
    url: new URL(request ? request.url : input.toString()),
    method: (init.method ?? request?.method ?? 'GET').toUpperCase(),
    headers,
    payload: bytes,
    signal: init.signal ?? request?.signal ?? undefined,
    redirect: init.redirect ?? request?.redirect ?? 'follow',
  };
}

async function bodyBytes(body: BodyInit | null): Promise<{ bytes: Buffer | null; contentType: string | null }> {
  if (body === null) return { bytes: null, contentType: null };
  // The body as a response would carry it: the same conversions, and the content type fetch gives each kind.
  const encoded = new PlainResponse(body as ConstructorParameters<typeof PlainResponse>[0]);
  const bytes = await encoded.bytes();
  return {
    bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    contentType: encoded.headers.get('content-type'),
  };
}
