import type * as AnthropicModule from '@anthropic-ai/sdk';
import type * as OpenAIModule from 'openai';
import { httpFetch } from '../../../net/http-fetch.js';

let anthropic: typeof AnthropicModule | null = null;
let openai: typeof OpenAIModule | null = null;

/** The Anthropic SDK, loaded on first use: an engine whose agents never call Anthropic does not carry it (~20 MB). */
export async function anthropicSdk(): Promise<typeof AnthropicModule> {
  anthropic ??= await import('@anthropic-ai/sdk');
  return anthropic;
}

/** The OpenAI SDK, loaded on first use (as anthropicSdk). */
export async function openaiSdk(): Promise<typeof OpenAIModule> {
  openai ??= await import('openai');
  return openai;
}

/**
 * The SDKs loaded so far, for telling their errors apart: an error class of an SDK that was never loaded cannot have
 * been thrown.
 */
export function loadedSdks(): { anthropic: typeof AnthropicModule | null; openai: typeof OpenAIModule | null } {
  return { anthropic, openai };
}

type AnthropicOptions = NonNullable<ConstructorParameters<typeof AnthropicModule.Anthropic>[0]>;
type OpenAIOptions = NonNullable<ConstructorParameters<typeof OpenAIModule.OpenAI>[0]>;

/**
 * An Anthropic client as Flotilla makes every one: no retries inside the SDK (callers decide what to retry), requests
 * through httpFetch.
 */
export async function anthropicClient(options: AnthropicOptions): Promise<AnthropicModule.Anthropic> {
  const { Anthropic } = await anthropicSdk();
  return new Anthropic({ maxRetries: 0, fetch: httpFetch, ...options });
}

/** An OpenAI client as Flotilla makes every one (as anthropicClient). */
export async function openaiClient(options: OpenAIOptions): Promise<OpenAIModule.OpenAI> {
  const { OpenAI } = await openaiSdk();
  return new OpenAI({ maxRetries: 0, fetch: httpFetch, ...options });
}
