import { performance } from 'node:perf_hooks';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notFoundError, wireError } from './api-errors.js';
import { headersOf, readBody, sendError, sendJson } from './http-answers.js';
import { answerModelRequest, noRetry } from './model-endpoint.js';
import { modelEntry, modelIds, modelList } from './model-list.js';
import type { RecordedRequest } from './recorded-request.js';
import { builtInScenarios } from './scenarios.js';
import type { ApiKind, Scenario, ScriptStep } from './scenario-types.js';
import { ScriptQueue } from './script-queue.js';

/** Options for `startModelServer`. */
export interface ModelServerOptions {
  /** Scenarios requests can name with `[[scenario:NAME]]` or the model `scenario:NAME`; default: the built-in ones. */
  scenarios?: readonly Scenario[];
  /** Plays first for requests that name no scenario; more can be queued with `server.script()`. */
  script?: Scenario | ScriptStep | readonly ScriptStep[];
  /** Requests past this many get HTTP 500 and set `capExceeded` (default 200). */
  maxRequests?: number;
  /** Port on 127.0.0.1; default 0 (a free port), which tests should keep. */
  port?: number;
  /**
   * When set, only requests carrying one of these keys (`x-api-key`, or `Authorization: Bearer`)
   * are answered; others get HTTP 401 in the calling API's error shape. Default: any key, or none.
   */
  apiKeys?: readonly string[];
}

/** A running scripted model server. */
export interface ModelServer {
  /** Base URL without a trailing slash; Anthropic clients use it as is, OpenAI clients append `/v1` (both work). */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** True once a request went past `maxRequests`. */
  readonly capExceeded: boolean;
  /** Messages for cap and empty-script failures, so tests can assert none happened. */
  readonly failures: readonly string[];
  /** Queues steps (or a scenario) for requests that name no scenario; each request consumes the next step. */
  script(input: Scenario | ScriptStep | readonly ScriptStep[]): void;
  /** Steps still queued for requests that name no scenario. */
  remaining(): number;
  /** Resolves once every answer in progress has ended (streams included). */
  settled(): Promise<void>;
  /** Stops listening and cuts open connections. */
  close(): Promise<void>;
}

const modelPaths: Record<string, ApiKind> = {
  '/v1/messages': 'anthropic',
  '/v1/responses': 'responses',
  '/v1/chat/completions': 'chat',
};

/** Accepts paths with or without the `/v1` prefix, since OpenAI clients put it in their base URL. */
function normalizePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '') || '/';
  return trimmed === '/' || trimmed.startsWith('/v1/') ? trimmed : `/v1${trimmed}`;
}

function toScenario(input: Scenario | ScriptStep | readonly ScriptStep[]): Scenario {
  if ('steps' in input) return input;
  return {
    name: 'script',
    description: 'Steps queued with server.script().',
    steps: Array.isArray(input) ? input : [input as ScriptStep],
  };
}

class ScriptedModelServer implements ModelServer {
  url = '';
  capExceeded = false;
  readonly requests: RecordedRequest[] = [];
  readonly failures: string[] = [];
  readonly #server: Server;
  readonly #queue: ScriptQueue;
  readonly #scenarios: readonly Scenario[];
  readonly #maxRequests: number;
  readonly #port: number;
  readonly #apiKeys: readonly string[] | null;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(options: ModelServerOptions) {
    this.#scenarios = options.scenarios ?? builtInScenarios;
    this.#queue = new ScriptQueue(this.#scenarios);
    this.#maxRequests = options.maxRequests ?? 200;
    this.#port = options.port ?? 0;
    this.#apiKeys = options.apiKeys ?? null;
    if (options.script) this.script(options.script);
    this.#server = createServer((request, response) => {
      const handling = this.#handle(request, response).catch((error: unknown) => {
        this.failures.push(
          `scripted model server: handler crashed: ${error instanceof Error ? error.message : String(error)}`,
        );
        if (!response.headersSent)
          sendError(response, 'chat', wireError('server', 'chat', 'scripted model server: handler crashed'));
        else response.destroy();
      });
      this.#inFlight.add(handling);
      void handling.finally(() => this.#inFlight.delete(handling));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  script(input: Scenario | ScriptStep | readonly ScriptStep[]): void {
    this.#queue.add(toScenario(input));
  }

  remaining(): number {
    return this.#queue.remaining();
  }

  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const path = normalizePath(url.pathname);
    const raw = await readBody(request);
    const headers = headersOf(request);
    const api = modelPaths[path] ?? null;
    const record: RecordedRequest = {
      number: this.requests.length + 1,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: raw.length > 0 ? raw.toString('utf8') : null,
      api,
      stream: false,
      scenario: null,
      step: null,
      status: 0,
      outcome: 'pending',
      eventsWritten: 0,
      receivedAt: performance.now(),
    };
    this.requests.push(record);
    // Errors for non-model paths take the shape of whichever SDK seems to be calling.
    const errorApi: ApiKind = api ?? ('anthropic-version' in headers ? 'anthropic' : 'chat');
    if (record.number > this.#maxRequests) {
      const message = `scripted model server: request cap ${this.#maxRequests} reached (request #${record.number} ${method} ${url.pathname})`;
      this.capExceeded = true;
      this.failures.push(message);
      record.status = 500;
      sendError(response, errorApi, wireError('server', errorApi, message), noRetry);
    } else if (path !== '/' && this.#apiKeys !== null && !this.#apiKeys.includes(keyOf(headers))) {
      record.status = 401;
      sendError(response, errorApi, wireError('authentication', errorApi));
    } else if (api !== null && method === 'POST') {
      await answerModelRequest(api, raw, record, response, {
        queue: this.#queue,
        fail: (message) => this.failures.push(message),
      });
    } else if (path === '/' && (method === 'GET' || method === 'HEAD')) {
      record.status = 200;
      sendJson(response, 200, { ok: true, name: 'scripted model server' });
    } else if (path === '/v1/models' && method === 'GET') {
      record.status = 200;
      sendJson(response, 200, modelList(errorApi === 'anthropic', this.#scenarios));
    } else if (
      path.startsWith('/v1/models/') &&
      method === 'GET' &&
      modelIds(this.#scenarios).includes(decodeURIComponent(path.slice('/v1/models/'.length)))
    ) {
      record.status = 200;
      sendJson(
        response,
        200,
        modelEntry(errorApi === 'anthropic', decodeURIComponent(path.slice('/v1/models/'.length))),
      );
    } else {
      record.status = 404;
      sendError(response, errorApi, notFoundError(errorApi, method, url.pathname));
    }
    if (record.outcome === 'pending') record.outcome = 'answered';
  }
}

/** The API key a request carries: Anthropic's `x-api-key`, or an `Authorization: Bearer` token. */
function keyOf(headers: Record<string, string>): string {
  return headers['x-api-key'] ?? /^Bearer\s+(.*)$/i.exec(headers['authorization'] ?? '')?.[1] ?? '';
}

/** Starts a scripted model server on 127.0.0.1 (a free port unless `port` is given). */
export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const server = new ScriptedModelServer(options);
  await server.listen();
  return server;
}
