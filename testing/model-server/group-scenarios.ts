import { replyText, replyToolCalls, writeFile } from './scenario-steps.js';
import type { Scenario, ToolCallSpec, ToolCallsStep } from './scenario-types.js';

/** The line the judge's request names each attempt on (engine/groups/judge-prompt.ts). */
const attemptLine = /Attempt task id: ([A-Za-z0-9_-]+)/g;

/** The attempt task ids a judge request names, in order, each once. */
export function attemptIdsOf(requestText: string): string[] {
  return [...new Set([...requestText.matchAll(attemptLine)].map((match) => match[1] ?? ''))].filter(Boolean);
}

/** A submit_ranking call ranking the named attempts, the last named first (so it differs from the rule's tie order). */
export function rankLastFirst(requestText: string): ToolCallSpec[] {
  const ids = attemptIdsOf(requestText).reverse();
  const attempts = ids.map((taskId, index) => ({
    taskId,
    rank: index + 1,
    score: Math.max(0, 9 - index * 2),
    strengths: [index === 0 ? 'Complete and careful' : 'Works'],
    risks: index === 0 ? [] : ['Less thorough than the winner'],
    verdict: index === 0 ? 'The best of the attempts.' : `Ranked ${index + 1}.`,
  }));
  return [{ name: 'submit_ranking', arguments: { attempts } }];
}

/** A submit_ranking call that leaves out every attempt but the first and ranks it 2: invalid twice over. */
export function rankInvalidly(requestText: string): ToolCallSpec[] {
  const [first = 'unknown'] = attemptIdsOf(requestText);
  return [
    {
      name: 'submit_ranking',
      arguments: { attempts: [{ taskId: first, rank: 2, score: 5, strengths: [], risks: [], verdict: 'Only one.' }] },
    },
  ];
}

/** A judge reply made from the request, with 200 output tokens so its share is visible. */
function judgeStep(calls: ToolCallsStep['calls']): ToolCallsStep {
  return replyToolCalls(calls, { text: 'Comparing the attempts.', usage: { outputTokens: 200 } });
}

/** The judge ranks every attempt it is shown, the last first (loops, so a re-rank after the synthesis works too). */
export const judgeRanks: Scenario = {
  name: 'judgeRanks',
  description: 'Judge: a valid submit_ranking call naming every attempt of the request, the last ranked first.',
  loop: true,
  steps: [judgeStep(rankLastFirst)],
};

/** The judge first leaves attempts out, then (told what was wrong) answers validly. */
export const judgeInvalidThenValid: Scenario = {
  name: 'judgeInvalidThenValid',
  description: 'Judge: an invalid submit_ranking (an attempt missing, a bad rank), then a valid one.',
  steps: [judgeStep(rankInvalidly), judgeStep(rankLastFirst)],
};

/** The judge answers invalidly twice: the engine falls back to the rule and says why. */
export const judgeInvalidTwice: Scenario = {
  name: 'judgeInvalidTwice',
  description: 'Judge: two invalid submit_ranking calls, so the ranking falls back to the rule.',
  steps: [judgeStep(rankInvalidly), judgeStep(rankInvalidly)],
};

/**
 * Attempts of one group on the built-in agent (loops): each writes answer.txt, one line more than the attempt before
 * (so their changes differ), then says it is done. A fresh copy per server keeps the count per test.
 */
export function groupAttempts(): Scenario {
  let written = 0;
  return {
    name: 'groupAttempts',
    description: 'Group attempt: writes answer.txt (one line more each time), then a closing text.',
    loop: true,
    steps: [
      replyToolCalls(
        () => {
          written += 1;
          return [writeFile('answer.txt', Array.from({ length: written }, (_, line) => `line ${line + 1}\n`).join(''))];
        },
        { text: 'Writing the answer.' },
      ),
      replyText('I wrote answer.txt.'),
    ],
  };
}
