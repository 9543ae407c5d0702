import { keyVariable } from '../../../../shared/provider-environment.js';
import type { ProviderId } from '../../../../shared/repo.js';
import type { ProviderConnection } from '../provider.js';
import { isSdkError, proxyTrouble, type SdkApiError } from './errors.js';
import { anthropicClient, openaiClient } from './sdk-modules.js';

/** A model a provider offers, named `provider:model`. */
export interface ProviderModel {
  id: string;
  label?: string;
}

/** What testing a provider found: whether it answered with that key, what to do if not, and its models. */
export interface ProviderCheck {
  ok: boolean;
  message: string;
  models: ProviderModel[];
}

/** How long one check may take before it is reported as a timeout. */
export const providerCheckTimeoutMs = 8_000;

const names: Record<ProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  compatible: 'The OpenAI-compatible server',
};
/** Where each provider's SDK goes without a base URL set (none for an OpenAI-compatible server). */
export const defaultUrls: Record<ProviderId, string> = {
  anthropic: 'https://api.anthropic.com',
  openai: 'https://api.openai.com/v1',
  compatible: '',
};
// Local servers (Ollama, LM Studio) take any key; the SDK insists on one.
const placeholderKey = 'not-needed';
const maxModels = 1_000;

/** A failure of the check, already phrased for the user. */
class CheckFailure extends Error {}

/**
 * Lists a provider's models through its real SDK (Anthropic `models.list`, OpenAI `models.list`,
 * a compatible server's `/v1/models`) with a short timeout, to test a key and base URL. Never
 * throws: a failure comes back as `ok: false` with a message that says what is wrong and what to
 * do, and never contains the key.
 */
export async function checkProvider(
  provider: ProviderId,
  connection: ProviderConnection,
  timeoutMs = providerCheckTimeoutMs,
): Promise<ProviderCheck> {
  const baseUrl = connection.baseUrl?.trim() || defaultUrls[provider];
  try {
    if (provider === 'compatible' && !baseUrl) {
      throw new CheckFailure('Set the base URL of the server first, for example http://localhost:11434/v1 for Ollama.');
    }
    if (provider !== 'compatible' && !connection.apiKey) {
      throw new CheckFailure(
        `No ${names[provider]} API key is set. Paste one in the key field, or set ${keyVariable(provider)} where the engine runs.`,
      );
    }
    assertHttpUrl(baseUrl);
    const models =
      provider === 'anthropic'
        ? await anthropicModels(connection.apiKey ?? '', baseUrl, timeoutMs)
        : await openaiModels(provider, connection.apiKey, baseUrl, timeoutMs);
    const count = models.length === 1 ? '1 model' : `${models.length} models`;
    return {
      ok: true,
      message: `${names[provider]} answered at ${baseUrl}: the key works and ${count} ${models.length === 1 ? 'is' : 'are'} available.`,
      models,
    };
  } catch (error) {
    const message =
      error instanceof CheckFailure ? error.message : describeFailure(error, provider, baseUrl, timeoutMs);
    return { ok: false, message: scrub(message, connection.apiKey), models: [] };
  }
}

function assertHttpUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CheckFailure(`"${url}" is not a URL. Give a base URL such as http://localhost:11434/v1.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new CheckFailure(
      `"${url}" is not an http:// or https:// address. Give a base URL such as http://localhost:11434/v1.`,
    );
}

async function anthropicModels(apiKey: string, baseUrl: string, timeoutMs: number): Promise<ProviderModel[]> {
  const client = await anthropicClient({ apiKey, baseURL: baseUrl, timeout: timeoutMs });
  const models: ProviderModel[] = [];
  const first = await client.models.list({ limit: 100 }).withResponse();
  assertJson(first.response, 'anthropic', baseUrl);
  let page = first.data;
  for (;;) {
    if (!Array.isArray(page.data)) throw notThatApi('anthropic', baseUrl);
    for (const model of page.data)
      models.push({ id: `anthropic:${model.id}`, ...(model.display_name ? { label: model.display_name } : {}) });
    if (!page.hasNextPage() || models.length >= maxModels) return models;
    page = await page.getNextPage();
  }
}

// Listing an OpenAI account shows every kind of model; only those that can chat are offered.
const notForChat = /embed|whisper|tts|dall-e|image|moderation|audio|realtime|transcribe|search|davinci|babbage|sora/i;

async function openaiModels(
  provider: ProviderId,
  apiKey: string | null,
  baseUrl: string,
  timeoutMs: number,
): Promise<ProviderModel[]> {
  const client = await openaiClient({ apiKey: apiKey || placeholderKey, baseURL: baseUrl, timeout: timeoutMs });
  const { data: page, response } = await client.models.list().withResponse();
  assertJson(response, provider, baseUrl);
  if (!Array.isArray(page.data)) throw notThatApi(provider, baseUrl);
  const ids = page.data
    .map((model) => model.id)
    .filter((id) => typeof id === 'string' && (provider !== 'openai' || !notForChat.test(id)));
  return ids
    .slice(0, maxModels)
    .sort()
    .map((id) => ({ id: `${provider}:${id}` }));
}

/** A web page or other non-JSON answer means the base URL points at something else. */
function assertJson(response: Response, provider: ProviderId, baseUrl: string): void {
  if (!(response.headers.get('content-type') ?? '').includes('json')) throw notThatApi(provider, baseUrl);
}

function notThatApi(
  provider: ProviderId,
  baseUrl: string,
  detail = 'its answer to GET /models is not a model list',
): CheckFailure {
  const kind = provider === 'anthropic' ? 'the Anthropic API' : 'an OpenAI-compatible API';
  const hint = provider === 'anthropic' ? '' : ' (it usually ends in /v1)';
  return new CheckFailure(
    `Something answered at ${baseUrl}, but not as ${kind}: ${detail}. Check the base URL${hint}.`,
  );
}

/** The user-facing reason a check failed: key rejected, no such host, refused, timeout, not that kind of API. */
function describeFailure(error: unknown, provider: ProviderId, baseUrl: string, timeoutMs: number): string {
  const name = names[provider];
  if (isSdkError(error, 'APIConnectionTimeoutError')) {
    return `No answer from ${baseUrl} within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}. Check the base URL, and that no proxy or firewall is in the way.`;
  }
  if (isSdkError(error, 'APIConnectionError')) {
    const proxy = proxyTrouble(error);
    if (proxy)
      return `Could not reach ${baseUrl}: ${proxy} Check HTTPS_PROXY, HTTP_PROXY and NO_PROXY where the engine runs.`;
    const host = hostOf(baseUrl);
    switch (networkCode(error)) {
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `There is no host called ${host} (DNS lookup failed). Check the base URL for typos, and that this machine is online.`;
      case 'ECONNREFUSED':
        return `Nothing is listening at ${baseUrl} (connection refused). Is the server running? Check the base URL and its port.`;
      case 'ECONNRESET':
        return `${host} closed the connection. Check the base URL, and whether it needs https:// instead of http:// (or the other way round).`;
      default:
        return `Could not reach ${baseUrl}: ${causeMessage(error)}. Check the base URL, and that the server is running.`;
    }
  }
  if (isSdkError(error, 'APIError')) {
    const apiError = error as SdkApiError;
    const status = apiError.status;
    if (status === 401 || status === 403) {
      return `${name} rejected the API key (HTTP ${status}). Check that it was copied whole and is still active, or make a new one, then paste it again.`;
    }
    if (status === 404 || status === 405)
      return notThatApi(provider, baseUrl, `GET /models gave HTTP ${status}`).message;
    if (status === 429)
      return `${name} accepted the key but is rate limiting it (HTTP 429). Wait a moment and test again, or check the account's limits.`;
    if (typeof status === 'number' && status >= 500)
      return `${name} had a server error (HTTP ${status}). Test again in a moment.`;
    return `${name} refused the request (HTTP ${status ?? 'error'}): ${apiError.message}`;
  }
  return `Testing ${name} failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** The first `code` along an error's chain of causes (fetch puts the socket error two levels down). */
function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function causeMessage(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    message = current.message;
    current = current.cause;
  }
  return message.replace(/\.$/, '');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** Removes the key from a message, in case a server echoed it back. */
function scrub(message: string, apiKey: string | null): string {
  return apiKey && apiKey.length >= 4 ? message.split(apiKey).join('•••') : message;
}
