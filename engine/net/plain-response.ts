import { Readable } from 'node:stream';
import { PlainHeaders } from './plain-headers.js';

type Body =
  | string
  | ArrayBuffer
  | ArrayBufferView
  | Blob
  | URLSearchParams
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | null
  | undefined;
type Init = { status?: number; statusText?: string; headers?: ConstructorParameters<typeof PlainHeaders>[0] };

// Statuses whose responses carry no body.
const bodiless = new Set([101, 103, 204, 205, 304]);

/**
 * The Fetch standard's Response, in plain JavaScript, for the reason PlainHeaders gives: httpFetch answers with it, and
 * the engine's bundles use it wherever their code names Response, and httpFetch writes request bodies with it. A form
 * body is converted by Node's own Response, which loads undici only on that rare path.
 */
export class PlainResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: PlainHeaders;
  readonly ok: boolean;
  readonly redirected = false;
  readonly type: 'basic' | 'default' = 'default';
  readonly url: string = '';
  #body: ReadableStream<Uint8Array> | null;
  // A body given whole (text, bytes, search params) is kept as bytes, and becomes a stream only if one is asked for:
  // httpFetch reads every request body this way.
  #bytes: Uint8Array<ArrayBuffer> | null;
  #used = false;

  constructor(body?: Body, init: Init = {}) {
    const status = init.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599)
      throw new RangeError(`Response: status ${status} is outside 200 to 599.`);
    this.status = status;
    this.statusText = init.statusText ?? '';
    this.ok = status >= 200 && status <= 299;
    this.headers = new PlainHeaders(init.headers);
    if (body !== null && body !== undefined && bodiless.has(status))
      throw new TypeError(`Response: a ${status} response cannot have a body.`);
    const { stream, bytes, contentType } = bodyOf(body);
    this.#body = stream;
    this.#bytes = bytes;
    if (contentType && !this.headers.has('content-type')) this.headers.set('content-type', contentType);
  }

  /** Accepts this class's responses and Node's own, which share its string tag. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return Object.prototype.toString.call(value) === '[object Response]';
  }

  /** A JSON response, as Response.json makes. */
  static json(data: unknown, init: Init = {}): PlainResponse {
    const headers = new PlainHeaders(init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new PlainResponse(JSON.stringify(data), { ...init, headers });
  }

  get [Symbol.toStringTag](): string {
    return 'Response';
  }

  /** The body as a stream, or null when there is none. */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#bytes && !this.#body) this.#body = once(this.#bytes);
    return this.#body;
  }

  /** Whether the body was read already (by a method here, or by a reader taken from the stream). */
  get bodyUsed(): boolean {
    return this.#used || (this.#body !== null && this.#body.locked);
  }

  /** The whole body as bytes. */
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  /** The whole body as one Uint8Array. */
  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    if (!this.#body) return this.#bytes ?? new Uint8Array(0);
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.#body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  /** The whole body as a Blob of the response's content type. */
  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' });
  }

  /** The whole body decoded as UTF-8. */
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  /** The whole body parsed as JSON. */
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  /** A copy whose body can be read apart from this one's. */
  clone(): PlainResponse {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    let copy: ReadableStream<Uint8Array> | Uint8Array | null = this.#body ? null : this.#bytes;
    if (this.#body) {
      const [mine, theirs] = this.#body.tee();
      this.#body = mine;
      copy = theirs;
    }
    const clone = new PlainResponse(copy, { status: this.status, statusText: this.statusText, headers: this.headers });
    Object.defineProperty(clone, 'url', { value: this.url });
    return clone;
  }
}

type Converted = {
  stream: ReadableStream<Uint8Array> | null;
  bytes: Uint8Array<ArrayBuffer> | null;
  contentType: string | null;
};

function bodyOf(body: Body): Converted {
  const whole = (bytes: Uint8Array<ArrayBuffer>, contentType: string | null = null): Converted => ({
    stream: null,
    bytes,
    contentType,
  });
  if (body === null || body === undefined) return { stream: null, bytes: null, contentType: null };
  if (body instanceof ReadableStream) return { stream: body, bytes: null, contentType: null };
  if (typeof body === 'string') return whole(Buffer.from(body), 'text/plain;charset=UTF-8');
  if (body instanceof ArrayBuffer) return whole(new Uint8Array(body.slice(0)));
  if (ArrayBuffer.isView(body))
    return whole(new Uint8Array(new Uint8Array(body.buffer, body.byteOffset, body.byteLength)));
  if (body instanceof URLSearchParams)
    return whole(Buffer.from(body.toString()), 'application/x-www-form-urlencoded;charset=UTF-8');
  if (body instanceof Blob) return { stream: body.stream(), bytes: null, contentType: body.type || null };
  if (typeof body === 'object' && Symbol.asyncIterator in body) {
    const stream = Readable.toWeb(Readable.from(body as AsyncIterable<Uint8Array>)) as ReadableStream<Uint8Array>;
    return { stream, bytes: null, contentType: null };
  }
  // A form: Node's own Response writes the multipart body and its boundary (this loads undici, on this rare path).
  const converted = new globalThis.Response(body as BodyInit);
  return { stream: converted.body, bytes: null, contentType: converted.headers.get('content-type') };
}

function once(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}
