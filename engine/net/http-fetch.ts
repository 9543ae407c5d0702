import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import tls from 'node:tls';
import zlib from 'node:zlib';
import { fetchRequest, type FetchRequest } from './fetch-request.js';
import { PlainHeaders } from './plain-headers.js';
import { PlainResponse } from './plain-response.js';
import { proxyAuthorization, proxyFor } from './proxy-env.js';

// Statuses whose answers carry no body (Response refuses one for them).
const bodiless = new Set([204, 205, 304]);
const redirects = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 20;
// What describes a body, dropped with it when a redirect continues as a GET (as fetch does).
const bodyHeaders = ['content-type', 'content-encoding', 'content-language', 'content-location'];

/**
 * The fetch the model SDKs are given: requests over node:http, answered with PlainResponse. Node's own fetch, Headers
 * and Response all live in its bundled undici, which costs the engine about 12 MB resident for good once any of them is
 * touched (its WebAssembly HTTP parser is compiled on load), for what node:http, which the engine's server has loaded
 * anyway, does as well. Every request, whatever its body, goes through the proxy HTTPS_PROXY or HTTP_PROXY names
 * (NO_PROXY excepted), as Node's fetch does not.
 */
export const httpFetch: typeof fetch = async (input, init = {}) => {
  const request = await fetchRequest(input, init);
  let { url, method, payload } = request;
  for (let hops = 0; ; hops += 1) {
    const answer = await send(url, method, request, payload);
    const location = answer.headers.location;
    // A manual redirect is answered as it came (as Node's fetch does): the caller follows it, or not.
    if (!redirects.has(answer.statusCode ?? 0) || typeof location !== 'string' || request.redirect === 'manual')
      return toResponse(answer, url);
    answer.resume();
    if (request.redirect === 'error' || hops >= maxRedirects)
      throw new TypeError(`fetch failed: ${url.href} redirected ${hops + 1} times (the last to ${location}).`);
    // As fetch does: 303, and 301/302 after a POST, continue as a GET without the body.
    if (answer.statusCode === 303 || ((answer.statusCode === 301 || answer.statusCode === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      payload = null;
      for (const name of bodyHeaders) request.headers.delete(name);
    }
    url = new URL(location, url);
  }
};

async function send(
  url: URL,
  method: string,
  request: FetchRequest,
  payload: Buffer | null,
): Promise<http.IncomingMessage> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (payload) headers['content-length'] = String(payload.length);
  const signal = request.signal;
  const proxy = proxyFor(url);
  if (proxy && url.protocol === 'http:') {
    // A plain request goes to the proxy whole, with the full URL as its target.
    const auth = proxyAuthorization(proxy);
    const options: http.RequestOptions = {
      host: proxy.hostname,
      port: proxy.port || 80,
      path: url.href,
      method,
      headers: { ...headers, host: url.host, ...(auth ? { 'proxy-authorization': auth } : {}) },
    };
    return finish(http.request({ ...options, ...(signal ? { signal } : {}) }), payload, proxy);
  }
  const socket = proxy ? await tunnel(proxy, url, signal) : null;
  const options: https.RequestOptions = {
    method,
    headers,
    ...(signal ? { signal } : {}),
    // Through the proxy: TLS to the server inside the tunnel.
    ...(socket ? { createConnection: () => tls.connect({ socket, servername: url.hostname }) } : {}),
  };
  return finish((url.protocol === 'https:' ? https : http).request(url, options), payload, proxy);
}

function finish(request: http.ClientRequest, payload: Buffer | null, proxy: URL | null): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    request.on('response', resolve);
    request.on('error', (error) =>
      reject(
        proxy && !aborted(error)
          ? new TypeError(`fetch failed: the request through the proxy at ${proxy.host} failed (${error.message}).`, {
              cause: error,
            })
          : error,
      ),
    );
    request.end(payload ?? undefined);
  });
}

/** Opens a CONNECT tunnel through the proxy to the URL's host and port. */
function tunnel(proxy: URL, url: URL, signal: AbortSignal | undefined): Promise<Socket> {
  const authority = `${url.hostname}:${url.port || 443}`;
  const auth = proxyAuthorization(proxy);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(auth ? { 'proxy-authorization': auth } : {}) },
      ...(signal ? { signal } : {}),
    });
    request.on('connect', (answer: http.IncomingMessage, socket: Socket) => {
      if (answer.statusCode === 200) return resolve(socket);
      socket.destroy();
      const credentials =
        answer.statusCode === 407
          ? ' It wants credentials: put them in the proxy URL, http://user:password@host:port.'
          : '';
      reject(
        new TypeError(
          `fetch failed: the proxy at ${proxy.host} answered ${answer.statusCode} ${answer.statusMessage ?? ''} to a tunnel to ${authority}.${credentials}`,
        ),
      );
    });
    request.on('error', (error) =>
      reject(
        aborted(error)
          ? error
          : new TypeError(`fetch failed: could not reach the proxy at ${proxy.host} (${error.message}).`, {
              cause: error,
            }),
      ),
    );
    request.end();
  });
}

// An abort stays an AbortError, which the SDKs tell apart from a failure.
function aborted(error: Error): boolean {
  return error.name === 'AbortError';
}

function toResponse(answer: http.IncomingMessage, url: URL): Response {
  const headers = new PlainHeaders();
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
  const body = bodiless.has(status) ? null : (Readable.toWeb(stream) as ReadableStream<Uint8Array>);
  const response = new PlainResponse(body, {
    status,
    statusText: answer.statusMessage ?? '',
    headers,
  });
  // The SDKs read response.url in their logs and errors.
  Object.defineProperty(response, 'url', { value: url.href });
  return response as unknown as Response;
}
