import type { IncomingMessage, ServerResponse } from 'node:http';
import { maxWebhookBytes } from '../../shared/automation.js';
import type { EngineApi } from '../engine-api.js';
import { toErrorData } from '../errors.js';

const hookPattern = /^\/hooks\/([^/]+)\/?$/;

/** The automation id a request's path names when it is a webhook's (`/hooks/<id>`), else null. */
export function webhookTarget(request: IncomingMessage): string | null {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const match = hookPattern.exec(path);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/**
 * Answers `POST /hooks/<automation id>`: needs no access token (the sender signs the body with the automation's secret
 * instead), reads at most 1 MB (413 past it), and hands the delivery to the engine. 202 with the run's id when it made
 * a run, 200 for a duplicate delivery, a ping or a paused automation, 401 for a bad or missing signature, 404 for no
 * such webhook.
 */
export async function handleWebhook(
  request: IncomingMessage,
  response: ServerResponse,
  engine: EngineApi,
  automationId: string,
): Promise<void> {
  if (request.method !== 'POST') return reply(response, 405, { error: 'Send webhooks with POST.' }, { allow: 'POST' });
  const body = await readBody(request);
  if (body === null) {
    // The rest of the body is never read: answer, then drop the connection.
    response.once('finish', () => request.socket.destroy());
    const error = `The payload is larger than ${maxWebhookBytes / 1024 / 1024} MB.`;
    return reply(response, 413, { error }, { connection: 'close' });
  }
  const header = (name: string) => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  try {
    const result = await engine.call('automation/webhook', {
      automationId,
      body,
      signature: header('x-hub-signature-256'),
      secret: header('x-flotilla-secret'),
      delivery: header('x-github-delivery') ?? header('x-flotilla-delivery'),
      event: header('x-github-event'),
      contentType: header('content-type'),
    });
    if (result.outcome === 'run' && result.run)
      return reply(response, 202, { runId: result.run.id, state: result.run.state, detail: result.run.detail });
    return reply(response, 200, { outcome: result.outcome });
  } catch (error) {
    const data = toErrorData(error);
    const statuses: Record<string, number> = {
      unauthorized: 401,
      notFound: 404,
      invalidInput: 400,
      engineUnavailable: 503,
    };
    const status = statuses[data.code] ?? 500;
    reply(response, status, { error: data.message });
  }
}

/** The body as text, or null once it passes the cap (by its Content-Length, or as it arrives). */
function readBody(request: IncomingMessage): Promise<string | null> {
  if (Number(request.headers['content-length'] ?? 0) > maxWebhookBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxWebhookBytes) return void chunks.push(chunk);
      request.off('data', onData);
      request.pause();
      resolve(null);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}
