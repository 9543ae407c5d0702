import { PlainHeaders } from './plain-headers.js';

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
  if (typeof body === 'string') return { bytes: Buffer.from(body), contentType: 'text/plain;charset=UTF-8' };
  if (body instanceof ArrayBuffer) return { bytes: Buffer.from(body), contentType: null };
  if (ArrayBuffer.isView(body))
    return { bytes: Buffer.from(body.buffer, body.byteOffset, body.byteLength), contentType: null };
  if (body instanceof URLSearchParams)
    return { bytes: Buffer.from(body.toString()), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (body instanceof Blob) return { bytes: Buffer.from(await body.arrayBuffer()), contentType: body.type || null };
  if (Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
    return { bytes: Buffer.concat(chunks), contentType: null };
  }
  // A form: Node's own Response writes the multipart body and its boundary (this loads undici, on this rare path).
  const encoded = new globalThis.Response(body);
  return { bytes: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') };
}
