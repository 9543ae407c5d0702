import type { ThreadEvent, ThreadEventInput } from '../../shared/events.js';
import type { ModelPrice } from '../../shared/repo.js';
import type { AgentServices, AgentTurnContext, ApprovalRequest } from '../../engine/agents/agent.js';
import type {
  ModelProvider,
  ModelRequest,
  ModelResponse,
  ModelStreamHandlers,
  NormalizedUsage,
} from '../../engine/agents/builtin/provider.js';

/** One scripted answer of a FakeProvider: a response (its text is streamed), an error to throw, or a function. */
export type FakeStep =
  ModelResponse | Error | ((request: ModelRequest, handlers: ModelStreamHandlers) => Promise<ModelResponse>);

/** A ModelProvider for unit tests: answers with scripted steps and records every request. */
export class FakeProvider implements ModelProvider {
  readonly id = 'compatible' as const;
  readonly requests: ModelRequest[] = [];

  constructor(private readonly steps: FakeStep[]) {}

  async complete(request: ModelRequest, handlers: ModelStreamHandlers): Promise<ModelResponse> {
    this.requests.push({ ...request, transcript: structuredClone([...request.transcript]) });
    const step = this.steps.shift();
    if (step === undefined) throw new Error('FakeProvider: no scripted step left');
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request, handlers);
    for (const item of step.items) if (item.kind === 'assistant') handlers.onText(item.text);
    return step;
  }
}

/** Usage with only these counts set. */
export function usageOf(counts: Partial<NormalizedUsage> = {}): NormalizedUsage {
  return { inputTokens: 100, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, ...counts };
}

/** A text-only reply. */
export function reply(
  text: string,
  usage: Partial<NormalizedUsage> = {},
  stopReason: ModelResponse['stopReason'] = 'end',
): ModelResponse {
  return { items: [{ kind: 'assistant', text }], stopReason, usage: usageOf(usage) };
}

let callNumber = 0;

/** A reply that calls tools (ids are made up), optionally after some text. */
export function callTools(
  calls: Array<{ name: string; input: unknown }>,
  text = '',
  usage: Partial<NormalizedUsage> = {},
): ModelResponse {
  const items: ModelResponse['items'] = text ? [{ kind: 'assistant', text }] : [];
  for (const call of calls) items.push({ kind: 'toolCall', id: `call_${(callNumber += 1)}`, ...call });
  return { items, stopReason: 'toolUse', usage: usageOf(usage) };
}

/** Agent services for unit tests: every provider configured, with the given price rows. */
export function fakeServices(home: string, prices: Record<string, ModelPrice> = {}): AgentServices {
  return { home, providerConfig: () => ({ apiKey: 'test-key', baseUrl: 'http://127.0.0.1:9' }), prices: () => prices };
}

/** A price row with a given context window. */
export function priceRow(contextWindow: number): ModelPrice {
  return { input: 1, output: 2, cacheRead: 0.1, cacheWrite: 1.25, contextWindow };
}

/** A thread being played by hand: its events so far, and a way to start the next turn on it. */
export class FakeThread {
  readonly events: ThreadEvent[] = [];
  private seq = 0;
  private turn = 0;

  constructor(readonly taskId = 'task-1') {}

  /** Stamps and appends an event as the engine would. */
  record(input: ThreadEventInput): ThreadEvent {
    this.seq += 1;
    const event = { ...input, taskId: this.taskId, seq: this.seq, at: new Date().toISOString() } as ThreadEvent;
    this.events.push(event);
    return event;
  }

  /** Records the user's message and the start of its turn, and returns the turn's context. */
  startTurn(
    prompt: string,
    options: {
      cwd: string;
      model?: string;
      policy?: Partial<AgentTurnContext['policy']>;
      signal?: AbortSignal;
      approve?(request: ApprovalRequest): Promise<'approve' | 'deny'>;
    },
  ): AgentTurnContext {
    this.record({ type: 'user.message', text: prompt });
    this.turn += 1;
    this.record({ type: 'turn.started', turn: this.turn });
    return {
      taskId: this.taskId,
      cwd: options.cwd,
      prompt,
      turn: this.turn,
      model: options.model ?? 'compatible:fake',
      history: [...this.events],
      signal: options.signal ?? new AbortController().signal,
      emit: (event) => this.record(event),
      policy: { approvalMode: 'auto', allowNetwork: false, maxModelCalls: 50, ...options.policy },
      requestApproval: options.approve ?? (async () => 'approve'),
    };
  }

  /** Records the end of the current turn. */
  endTurn(reason: 'completed' | 'stopped' | 'failed' = 'completed'): void {
    this.record({ type: 'turn.ended', turn: this.turn, reason, message: null });
  }

  /** The events of one type. */
  ofType<T extends ThreadEvent['type']>(type: T): Array<Extract<ThreadEvent, { type: T }>> {
    return this.events.filter((event): event is Extract<ThreadEvent, { type: T }> => event.type === type);
  }
}
