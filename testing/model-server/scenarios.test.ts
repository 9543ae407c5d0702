import { afterEach, describe, expect, it } from 'vitest';
import { builtInScenarios } from './scenarios.js';
import type { ApiKind } from './scenario-types.js';
import { startModelServer, type ModelServer } from './server.js';
import {
  assembleAnthropic,
  assembleChat,
  assembleResponses,
  postJson,
  readSse,
  requestBodies,
  type AssembledReply,
  type SseMessage,
} from './test-client.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const endpoints: Record<
  ApiKind,
  { path: string; body: (prompt: string) => unknown; assemble: (messages: readonly SseMessage[]) => AssembledReply }
> = {
  anthropic: { path: '/v1/messages', body: (prompt) => requestBodies.anthropic(prompt), assemble: assembleAnthropic },
  responses: { path: '/v1/responses', body: (prompt) => requestBodies.responses(prompt), assemble: assembleResponses },
  chat: { path: '/v1/chat/completions', body: (prompt) => requestBodies.chat(prompt), assemble: assembleChat },
};

// slowStream takes seconds by design; faults.test.ts covers it.
const quickScenarios = builtInScenarios.filter((scenario) => scenario.name !== 'slowStream');

describe('built-in scenarios', () => {
  it.each(Object.keys(endpoints) as ApiKind[])(
    'play every step on %s with usage in every finished reply',
    async (api) => {
      server = await startModelServer();
      const endpoint = endpoints[api];
      for (const scenario of quickScenarios) {
        for (const step of scenario.steps) {
          const response = await postJson(
            `${server.url}${endpoint.path}`,
            endpoint.body(`play [[scenario:${scenario.name}]]`),
          );
          if (step.kind === 'httpError') {
            expect(response.status, `${scenario.name} on ${api}`).toBeGreaterThanOrEqual(400);
            await response.text();
            continue;
          }
          const { messages, error } = await readSse(response);
          expect(error !== null, `${scenario.name} ${step.kind} on ${api} breaks the connection`).toBe(
            step.kind === 'drop',
          );
          if (step.kind === 'drop' || step.kind === 'streamError') continue;
          const reply = endpoint.assemble(messages);
          expect(reply.usage, `${scenario.name} on ${api}`).not.toBeNull();
          expect(reply.text + reply.toolCalls.map((call) => call.arguments).join('')).not.toBe('');
        }
      }
      await server.settled();
      expect(server.failures).toEqual([]);
    },
  );

  it('longConversation reports a prompt growing towards 200k tokens', async () => {
    server = await startModelServer();
    const prompts: number[] = [];
    for (let step = 0; step < 3; step += 1) {
      const reply = assembleAnthropic(
        (
          await readSse(
            await postJson(`${server.url}/v1/messages`, requestBodies.anthropic('[[scenario:longConversation]]')),
          )
        ).messages,
      );
      const usage = reply.usage as Record<string, number>;
      prompts.push(
        (usage['input_tokens'] ?? 0) +
          (usage['cache_read_input_tokens'] ?? 0) +
          (usage['cache_creation_input_tokens'] ?? 0),
      );
    }
    expect(prompts).toEqual([60_000, 130_000, 190_000]);
  });
});
