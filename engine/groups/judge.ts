import type { JudgedAttempt } from '../../shared/ranking.js';
import { emptyUsage, type UsageTotals } from '../../shared/usage.js';
import type { EngineContext } from '../engine-context.js';
import { maxModelAttempts } from '../agents/builtin/connect-model.js';
import { maxOutputTokensFor } from '../agents/builtin/model-access.js';
import type { ModelResponse } from '../agents/builtin/provider.js';
import { createProvider, parseModelKey } from '../agents/builtin/providers/index.js';
import { contextWindowOf, costOf } from '../agents/builtin/providers/pricing.js';
import { completeWithRetry } from '../agents/builtin/providers/retry.js';
import type { TranscriptItem } from '../agents/builtin/transcript.js';
import type { AttemptFacts } from './attempt-facts.js';
import { judgeRequestText, judgeSystem, submitRankingTool } from './judge-prompt.js';
import { checkRankingAnswer, rankingAnswerJsonSchema } from './ranking-answer.js';

/** What the judge answered: the entries best first (null when it gave no valid answer), its usage, and a note. */
export interface JudgeAnswer {
  entries: JudgedAttempt[] | null;
  usage: UsageTotals;
  /** What went wrong (an invalid answer retried, or the failure that sent the ranking to the rule); null when none. */
  note: string | null;
}

/** Model calls the judge may make: its answer, and one retry after an invalid one. */
export const judgeCalls = 2;

/**
 * Asks the judge model to rank the attempts through the submit_ranking tool (over the built-in agent's provider layer,
 * so the real SDKs make the call). An invalid answer is sent back once with what was wrong; a second invalid answer,
 * or a failed call, gives `entries: null` and a note saying why.
 */
export async function askJudge(input: {
  context: EngineContext;
  modelKey: string;
  prompt: string;
  attempts: readonly AttemptFacts[];
  signal: AbortSignal;
}): Promise<JudgeAnswer> {
  const { context, modelKey, signal } = input;
  const { provider: providerId, model } = parseModelKey(modelKey);
  const provider = createProvider(providerId, context.vault.providerConfig(providerId));
  const prices = context.vault.prices();
  const taskIds = input.attempts.map((facts) => facts.task.id);
  const usage: UsageTotals = { ...emptyUsage };
  const transcript: TranscriptItem[] = [
    { kind: 'user', text: judgeRequestText(input.prompt, input.attempts, Date.now()) },
  ];
  const tool = {
    name: submitRankingTool,
    description: 'Submit the ranking of every attempt (call it exactly once).',
    inputSchema: rankingAnswerJsonSchema(),
  };
  let earlier: string | null = null;
  for (let call = 1; call <= judgeCalls; call += 1) {
    let response: ModelResponse;
    try {
      response = await completeWithRetry(
        provider,
        {
          model,
          system: judgeSystem,
          transcript,
          tools: [tool],
          maxOutputTokens: Math.min(8_192, maxOutputTokensFor(contextWindowOf(modelKey, prices))),
          signal,
        },
        { onText: () => undefined, onReasoning: () => undefined },
        { maxAttempts: maxModelAttempts },
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { entries: null, usage, note: `The judge model ${modelKey} failed: ${reason}` };
    }
    addUsage(usage, response, modelKey, prices);
    const toolCall = response.items.find((item) => item.kind === 'toolCall' && item.name === submitRankingTool);
    const checked =
      toolCall?.kind === 'toolCall'
        ? checkRankingAnswer(toolCall.input, taskIds)
        : { ok: false as const, problem: `The answer did not call ${submitRankingTool}.` };
    if (checked.ok)
      return {
        entries: checked.entries,
        usage,
        note: earlier ? `The judge's first answer was invalid (${earlier}); its second was used.` : null,
      };
    earlier = checked.problem;
    transcript.push(...response.items);
    // Every tool call needs its result (the APIs refuse a conversation without); only submit_ranking counts.
    const calls = response.items.filter((item) => item.kind === 'toolCall');
    for (const item of calls)
      transcript.push({
        kind: 'toolResult',
        callId: item.id,
        ok: false,
        output:
          item === toolCall
            ? `${checked.problem} Call ${submitRankingTool} again with a corrected ranking.`
            : `Only ${submitRankingTool} is available to you.`,
      });
    if (toolCall === undefined)
      transcript.push({ kind: 'user', text: `${checked.problem} Call ${submitRankingTool} now.` });
  }
  return {
    entries: null,
    usage,
    note: `The judge model ${modelKey} gave no valid ranking in ${judgeCalls} answers (last: ${earlier ?? 'none'}).`,
  };
}

function addUsage(
  usage: UsageTotals,
  response: ModelResponse,
  modelKey: string,
  prices: Parameters<typeof costOf>[2],
): void {
  usage.inputTokens += response.usage.inputTokens;
  usage.outputTokens += response.usage.outputTokens;
  usage.cacheReadTokens += response.usage.cacheReadTokens;
  usage.cacheWriteTokens += response.usage.cacheWriteTokens;
  usage.reasoningTokens += response.usage.reasoningTokens;
  usage.costUsd += costOf(modelKey, response.usage, prices).costUsd;
}
