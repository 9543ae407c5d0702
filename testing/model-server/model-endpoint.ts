import type { ServerResponse } from 'node:http';
import { anthropicFormat } from './anthropic-format.js';
import { wireError } from './api-errors.js';
import { chatFormat } from './chat-format.js';
import { requestIdHeaders, sendError, sendJson } from './http-answers.js';
import { mintId } from './ids.js';
import { defaultModel } from './model-list.js';
import { planReply, type ReplyPlan } from './plan.js';
import { responsesFormat } from './responses-format.js';
import type { ApiKind, HttpErrorStep, ReplyStep } from './scenario-types.js';
import type { ScriptQueue } from './script-queue.js';
import type { RecordedRequest } from './recorded-request.js';
import { writeStream } from './stream-writer.js';
import type { ReplyRequest, WireFormat } from './wire-format.js';

const formats: Record<ApiKind, WireFormat> = {
  anthropic: anthropicFormat,
  responses: responsesFormat,
  chat: chatFormat,
};

/** What a model request needs from the server: the script and a place to note failures. */
export interface ModelEndpointContext {
  queue: ScriptQueue;
  fail(message: string): void;
}

/** Headers that stop the official SDKs from retrying an answer that retrying cannot fix. */
export const noRetry = { 'x-should-retry': 'false' };

/** The shape problem that makes a request invalid for its API, if any (the real APIs answer these with 400). */
function shapeProblem(api: ApiKind, body: Record<string, unknown>): string | null {
  if (typeof body['model'] !== 'string') return 'model: a string is required';
  switch (api) {
    case 'anthropic':
      if (typeof body['max_tokens'] !== 'number') return 'max_tokens: a number is required';
      return Array.isArray(body['messages']) ? null : 'messages: an array is required';
    case 'chat':
      return Array.isArray(body['messages']) ? null : 'messages: an array is required';
    case 'responses':
      return typeof body['input'] === 'string' || Array.isArray(body['input'])
        ? null
        : 'input: a string or an array is required';
  }
}

function parseObject(raw: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Answers one model request with the next scripted step, recording what happened on `record`. */
export async function answerModelRequest(
  api: ApiKind,
  raw: Buffer,
  record: RecordedRequest,
  response: ServerResponse,
  context: ModelEndpointContext,
): Promise<void> {
  const body = parseObject(raw);
  record.body = body ?? raw.toString('utf8');
  const problem = body === null ? 'the body must be a JSON object' : shapeProblem(api, body);
  if (body === null || problem !== null) {
    record.status = 400;
    return sendError(response, api, wireError('badRequest', api, `scripted model server: ${problem}`));
  }
  record.stream = body['stream'] === true;
  const pick = context.queue.pick(body);
  if (pick.kind === 'none') {
    const message = `scripted model server: no scripted response left for request #${record.number}: ${pick.reason}`;
    context.fail(message);
    record.status = 500;
    return sendError(response, api, wireError('server', api, message), noRetry);
  }
  record.scenario = pick.scenario;
  record.step = pick.step.kind;
  if (pick.step.kind === 'httpError') return answerHttpError(api, pick.step, record, response);
  const request: ReplyRequest = { model: typeof body['model'] === 'string' ? body['model'] : defaultModel, body };
  await answerReply(
    formats[api],
    planReply(pick.step satisfies ReplyStep, raw.length, raw.toString('utf8')),
    request,
    record,
    response,
  );
}

function answerHttpError(api: ApiKind, step: HttpErrorStep, record: RecordedRequest, response: ServerResponse): void {
  const error = wireError(step.error, api, step.message, step.status);
  const retry: Record<string, string> =
    step.retryAfterMs === undefined
      ? {}
      : { 'retry-after-ms': String(step.retryAfterMs), 'retry-after': String(Math.ceil(step.retryAfterMs / 1000)) };
  record.status = error.status;
  sendError(response, api, error, { ...retry, ...step.headers });
}

async function answerReply(
  format: WireFormat,
  plan: ReplyPlan,
  request: ReplyRequest,
  record: RecordedRequest,
  response: ServerResponse,
): Promise<void> {
  const headers = requestIdHeaders(format.api, mintId('req_'));
  const fault = plan.fault;
  record.status = fault.kind === 'error' && !record.stream ? wireError(fault.error, format.api).status : 200;
  if (record.stream) {
    const failure =
      fault.kind === 'error' ? wireError(fault.error, format.api, fault.message) : wireError('server', format.api);
    const errorEvent = (position: number) => format.streamError(failure, position);
    const report = await writeStream(response, headers, {
      events: format.streamEvents(plan, request),
      delayMs: plan.delayMs,
      fault,
      errorEvent,
    });
    record.outcome = report.outcome;
    record.eventsWritten = report.eventsWritten;
    return;
  }
  switch (fault.kind) {
    case 'error':
      return sendError(response, format.api, wireError(fault.error, format.api, fault.message));
    case 'drop': {
      const text = JSON.stringify(format.body(plan, request));
      response.writeHead(200, { 'content-type': 'application/json', ...headers });
      record.outcome = 'dropped';
      response.write(text.slice(0, fault.afterBytes ?? Math.floor(text.length / 2)), () => response.destroy());
      return;
    }
    case 'none':
      return sendJson(response, 200, format.body(plan, request), headers);
  }
}
