import type { ProviderId } from '../../../shared/repo.js';
import type { ToolSpec, TranscriptItem } from './transcript.js';

/** Token counts of one model call, normalized across APIs (input excludes cached tokens). */
export interface NormalizedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

/** One model call. */
export interface ModelRequest {
  /** The model's id as its API knows it (without the `provider:` prefix). */
  model: string;
  system: string;
  transcript: readonly TranscriptItem[];
  tools: readonly ToolSpec[];
  maxOutputTokens: number;
  signal: AbortSignal;
}

/** Streaming callbacks for one model call; text arrives as it is generated. */
export interface ModelStreamHandlers {
  onText(delta: string): void;
  onReasoning(delta: string): void;
}

/** Why a model call stopped. */
export type ModelStopReason = 'end' | 'toolUse' | 'maxTokens';

/** What one model call produced: assistant text and tool calls, in order. */
export interface ModelResponse {
  items: Array<Extract<TranscriptItem, { kind: 'assistant' | 'toolCall' }>>;
  stopReason: ModelStopReason;
  usage: NormalizedUsage;
}

/** Why a model call failed, so the loop knows whether to retry and what to tell the user. */
export type ProviderFailureKind =
  | 'auth'
  | 'modelNotFound'
  | 'unreachable'
  | 'rateLimited'
  | 'overloaded'
  | 'badRequest'
  | 'server'
  | 'dropped'
  | 'aborted';

/** A failed model call: whether a retry may help, how long to wait, and a message that says what to fix. */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderFailureKind,
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** One wire API (Anthropic Messages, OpenAI Responses, or Chat Completions). */
export interface ModelProvider {
  id: ProviderId;
  /** Streams one model call. Throws ProviderError; never retries by itself. */
  complete(request: ModelRequest, handlers: ModelStreamHandlers): Promise<ModelResponse>;
}

/** Where and how to reach a provider. */
export interface ProviderConnection {
  apiKey: string | null;
  baseUrl: string | null;
}
