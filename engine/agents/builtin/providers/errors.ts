import { keyVariable } from '../../../../shared/provider-environment.js';
import type { ProviderId } from '../../../../shared/repo.js';
import { ProviderError } from '../provider.js';
import type { APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import type { APIError as OpenAIApiError } from 'openai';
import { loadedSdks } from './sdk-modules.js';

/** An API error of either SDK. */
export type SdkApiError = AnthropicApiError | OpenAIApiError;

/** Whether an error is an instance of the named error class of either SDK loaded so far. */
export function isSdkError(
  error: unknown,
  name: 'APIUserAbortError' | 'APIConnectionError' | 'APIConnectionTimeoutError' | 'APIError',
): boolean {
  const { anthropic, openai } = loadedSdks();
  return (anthropic !== null && error instanceof anthropic[name]) || (openai !== null && error instanceof openai[name]);
}

/** What an error message needs to name: the provider, the base URL in use and the requested model. */
export interface CallContext {
  provider: ProviderId;
  baseUrl: string;
  model: string;
}

const shortNames: Record<ProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  compatible: 'OpenAI-compatible',
};

/** The provider as a user-facing name. */
export function providerName(provider: ProviderId): string {
  switch (provider) {
    case 'anthropic':
      return 'Anthropic';
    case 'openai':
      return 'OpenAI';
    case 'compatible':
      return 'the OpenAI-compatible server';
  }
}

/** The error for a provider that needs an API key and has none, raised before any request. */
export function missingKeyError(provider: ProviderId): ProviderError {
  return new ProviderError(
    'auth',
    `No ${shortNames[provider]} API key is set. Set one in Settings or ${keyVariable(provider)}.`,
    false,
  );
}

/** The error for an OpenAI-compatible provider without a base URL: there is no default server to call. */
export function missingBaseUrlError(): ProviderError {
  return new ProviderError(
    'unreachable',
    'No base URL is set for the OpenAI-compatible server. Set one in Settings or OPENAI_COMPATIBLE_BASE_URL (for example http://localhost:11434/v1 for Ollama).',
    false,
  );
}

/** The error for a call cancelled through its AbortSignal. */
export function abortedError(): ProviderError {
  return new ProviderError('aborted', 'The model call was cancelled.', false);
}

/** The error for a stream that ended (or broke) before its final event. */
export function droppedError(context: CallContext): ProviderError {
  return new ProviderError(
    'dropped',
    `The connection to ${providerName(context.provider)} dropped before the answer was complete.`,
    true,
  );
}

/**
 * The error for an error event inside a stream; overload and rate-limit events are told apart by their type or code.
 */
export function streamEventError(
  context: CallContext,
  label: string | null | undefined,
  message: string | null | undefined,
): ProviderError {
  const name = providerName(context.provider);
  const detail = message ? `: ${message}` : '.';
  const tag = (label ?? '').toLowerCase();
  if (tag.includes('overload'))
    return new ProviderError('overloaded', `${capitalize(name)} is overloaded right now${detail}`, true);
  if (tag.includes('rate_limit'))
    return new ProviderError('rateLimited', `${capitalize(name)} rate limit reached${detail}`, true);
  return new ProviderError('server', `${capitalize(name)} broke off the answer with an error${detail}`, true);
}

/**
 * Maps what an SDK call throws to a ProviderError. `started` says whether the response had begun
 * streaming: after that, a non-API failure means the connection dropped. Anything else thrown before
 * the response started is a bug, not a provider failure, and is rethrown as it is.
 */
export function toProviderError(
  error: unknown,
  context: CallContext,
  state: { started: boolean; signal: AbortSignal },
): ProviderError {
  if (error instanceof ProviderError) return error;
  if (state.signal.aborted || isSdkError(error, 'APIUserAbortError')) return abortedError();
  if (isSdkError(error, 'APIConnectionError')) {
    if (state.started) return droppedError(context);
    const proxy = proxyTrouble(error);
    return new ProviderError(
      'unreachable',
      proxy
        ? `Could not reach ${context.baseUrl}: ${proxy} Check HTTPS_PROXY, HTTP_PROXY and NO_PROXY.`
        : `Could not reach ${context.baseUrl}: is the server running? Check the base URL in settings.`,
      true,
    );
  }
  if (isSdkError(error, 'APIError')) {
    const apiError = error as SdkApiError;
    const message = apiMessageOf(apiError);
    if (typeof apiError.status !== 'number') return streamEventError(context, errorLabelOf(apiError), message);
    return fromStatus(apiError.status, apiError.headers ?? undefined, errorLabelOf(apiError), message, context);
  }
  if (state.started && error instanceof Error) return droppedError(context);
  throw error;
}

/** What went wrong with the proxy a request went through (httpFetch says so in its errors), if that was the trouble. */
export function proxyTrouble(error: unknown): string | null {
  for (let cause = (error as { cause?: unknown }).cause; cause instanceof Error; cause = cause.cause) {
    const reason = /^fetch failed:? (.*proxy.*)$/is.exec(cause.message)?.[1];
    if (reason) return reason.charAt(0).toUpperCase() + reason.slice(1);
  }
  return null;
}

function fromStatus(
  status: number,
  headers: Headers | undefined,
  label: string,
  message: string,
  context: CallContext,
): ProviderError {
  const name = capitalize(providerName(context.provider));
  const retryAfterMs = retryAfterOf(headers);
  if (status === 401 || status === 403) {
    return new ProviderError(
      'auth',
      `The ${shortNames[context.provider]} API key was rejected. Set a valid key in Settings or ${keyVariable(context.provider)}.`,
      false,
      null,
      status,
    );
  }
  if (status === 404) {
    const hint = context.provider === 'compatible' ? ` (${context.baseUrl})` : '';
    return new ProviderError(
      'modelNotFound',
      `The model ${context.model} does not exist at ${providerName(context.provider)}${hint}. Pick another model.`,
      false,
      null,
      status,
    );
  }
  if (status === 429)
    return new ProviderError('rateLimited', `${name} rate limit reached: ${message}`, true, retryAfterMs, status);
  if (status === 529 || status === 503 || label.includes('overload')) {
    return new ProviderError('overloaded', `${name} is overloaded right now: ${message}`, true, retryAfterMs, status);
  }
  if (status >= 500 || status === 408 || status === 409)
    return new ProviderError(
      'server',
      `${name} had a server error (HTTP ${status}): ${message}`,
      true,
      retryAfterMs,
      status,
    );
  return new ProviderError(
    'badRequest',
    `${name} rejected the request (HTTP ${status}): ${message}`,
    false,
    null,
    status,
  );
}

/** The API's own error message: Anthropic nests it as `error.error.message`, OpenAI as `error.message`. */
function apiMessageOf(error: SdkApiError): string {
  const body = error.error as { message?: unknown; error?: { message?: unknown } } | undefined;
  const message = body?.error?.message ?? body?.message;
  return typeof message === 'string' ? message : error.message;
}

/** The error's type and code, lower-cased and joined, for telling overloads and rate limits apart. */
function errorLabelOf(error: SdkApiError): string {
  const body = error.error as { type?: unknown; code?: unknown; error?: { type?: unknown } } | undefined;
  return [error.type, body?.type, body?.code, body?.error?.type]
    .filter((part) => typeof part === 'string')
    .join(' ')
    .toLowerCase();
}

/** How long the server asked us to wait: `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
export function retryAfterOf(headers: Headers | undefined, now = Date.now()): number | null {
  const milliseconds = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers?.get('retry-after');
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && /^\s*[\d.]+\s*$/.test(value)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
