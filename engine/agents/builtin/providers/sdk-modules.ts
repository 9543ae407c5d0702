import type * as AnthropicModule from '@anthropic-ai/sdk';
import type * as OpenAIModule from 'openai';

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
