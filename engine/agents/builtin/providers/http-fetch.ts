import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

// Statuses whose answers carry no body (Response refuses one for them).
const bodiless = new Set([204, 205, 304]);
const redirects = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 20;

type FetchInit = NonNullable<Parameters<typeof fetch>[1]>;

/**
 * The fetch the model SDKs are given: requests over node:http. Node's own fetch (undici) costs the engine about 12 MB
 * resident for good once first used (mostly its WebAssembly HTTP parser), for what node:http, which the engine's server
 * has loaded anyway, does as well. Bodies it does not send itself (streams, forms) go to Node's fetch.
 */
export const httpFetch: typeof fetch = async (input, init = {}) => {
  const body = init.body ?? null;
  const plainBody =
    body === null || typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
  if (!(typeof input === 'string' || input instanceof URL) || !plainBody || init.redirect === 'manual')
    return fetch(input, init);
  let url = new URL(input);
  let method = (init.method ?? 'GET').toUpperCase();
  let payload = body === null ? null : Buffer.from(body as string | Uint8Array);
  for (let hops = 0; ; hops += 1) {
    const answer = await send(url, method, init, payload);
    const location = answer.headers.location;
    if (!redirects.has(answer.statusCode ?? 0) || typeof location !== 'string') return toResponse(answer, url);
    answer.resume();
    if (init.redirect === 'error' || hops >= maxRedirects)
      throw new TypeError(`fetch failed: ${url.href} redirected ${hops + 1} times (the last to ${location}).`);
    // As fetch does: 303, and 301/302 after a POST, continue as a GET without the body.
    if (answer.statusCode === 303 || ((answer.statusCode === 301 || answer.statusCode === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      payload = null;
    }
    url = new URL(location, url);
  }
};

function send(url: URL, method: string, init: FetchInit, payload: Buffer | null): Promise<http.IncomingMessage> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  if (payload) headers['content-length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      { method, headers, ...(init.signal ? { signal: init.signal } : {}) },
      resolve,
    );
    request.on('error', reject);
    request.end(payload ?? undefined);
  });
}

function toResponse(answer: http.IncomingMessage, url: URL): Response {
  const headers = new Headers();
  for (let index = 0; index + 1 < answer.rawHeaders.length; index += 2)
    headers.append(answer.rawHeaders[index]!, answer.rawHeaders[index + 1]!);
  const status = answer.statusCode ?? 500;
  let stream: Readable = answer;
  const encoding = (answer.headers['content-encoding'] ?? '').trim().toLowerCase();
  // Nothing asks for compression, but a proxy may compress anyway; fetch would decode it.
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = answer.pipe(zlib.createGunzip());
  else if (encoding === 'deflate') stream = answer.pipe(zlib.createInflate());
  else if (encoding === 'br') stream = answer.pipe(zlib.createBrotliDecompress());
  if (stream !== answer) answer.on('error', (error) => stream.destroy(error));
  if (bodiless.has(status)) answer.resume();
  const response = new Response(bodiless.has(status) ? null : (Readable.toWeb(stream) as ReadableStream<Uint8Array>), {
    status,
    statusText: answer.statusMessage ?? '',
    headers,
  });
  // The SDKs read response.url in their logs and errors.
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}
