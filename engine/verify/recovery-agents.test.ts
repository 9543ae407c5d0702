import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createAcpAgent } from '../agents/external/acp/acp-agent.js';
import type { AcpAgentSpec } from '../agents/external/acp/acp-presets.js';
import { stopAllAgentProcesses } from '../agents/external/agent-process.js';
import type { EngineHarness } from '../../testing/engine/engine-harness.js';
import { ofType } from '../../testing/engine/thread-events.js';
import { bodyText, startBuiltinTask, useModelServer } from '../../testing/agents/e2e-test-kit.js';
import { replyText, replyToolCalls, writeFile } from '../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../testing/model-server/server.js';
import {
  fixedByRetry,
  retryMessages,
  settled,
  startVerifyHarness,
  verifyResults,
} from '../../testing/engine/verify-kit.js';

let harness: EngineHarness | null = null;
let server: ModelServer | null = null;
afterEach(async () => {
  await stopAllAgentProcesses();
  await harness?.dispose();
  await server?.close();
  harness = null;
  server = null;
});

// The ACP fixture: a real ACP agent on the SDK's agent side, a child process over stdio.
const fixture: AcpAgentSpec = {
  name: 'fixture',
  label: 'Fixture agent',
  programs: [process.execPath],
  args: [
    '--import',
    pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href,
    resolve('testing/agents/fixture-acp-agent.ts'),
  ],
  install: 'It ships with the tests.',
  login: 'nothing to do',
};

describe('recovery lives in the engine, so every agent gets it', () => {
  it('the built-in agent gets the failure in the same conversation and fixes it (scripted model server)', async () => {
    server = await startModelServer({
      script: [
        replyToolCalls([writeFile('a.txt', 'one\n')], { text: 'Writing a.txt.' }),
        replyText('Done.'),
        replyToolCalls([writeFile('fixed.txt', 'ok\n')], { text: 'The checks want fixed.txt.' }),
        replyText('Fixed.'),
      ],
    });
    harness = await startVerifyHarness({ verifyCommand: fixedByRetry });
    await useModelServer(harness, server);
    const created = await startBuiltinTask(harness, 'Write a.txt.');
    const task = await harness.waitFor(created.id, [...settled]);
    expect(task.status).toBe('done');
    expect(task.lastVerify?.passed).toBe(true);
    const thread = await harness.threadOf(task.id);
    expect(verifyResults(thread).map((event) => event.result.outcome)).toEqual(['failed', 'passed']);
    expect(server.requests).toHaveLength(4);
    // The retry request carries the whole conversation so far and then the failure.
    const retry = bodyText(server, 2);
    expect(retry).toContain('Write a.txt.');
    expect(retry).toContain('Writing a.txt.');
    expect(retry).toContain('The checks failed after your changes');
    expect(retry).toContain('write fixed.txt ok');
    expect(readFileSync(join(task.worktreePath, 'fixed.txt'), 'utf8')).toBe('ok\n');
    expect(server.failures).toEqual([]);
  });

  it('an ACP agent gets the failure as its next prompt in the same session and fixes it', async () => {
    harness = await startVerifyHarness(
      { verifyCommand: fixedByRetry },
      {
        agents: (services) => [
          createAcpAgent(fixture, services, {
            env: { FIXTURE_STATE: join(services.home, 'fixture-state.json') },
            stopGraceMs: 500,
          }),
        ],
      },
    );
    const created = await harness.createTask('write notes.txt hello', { agent: 'acp:fixture' });
    const task = await harness.waitFor(created.id, [...settled]);
    expect(task.lastError).toBeNull();
    expect(task.status).toBe('done');
    expect(task.lastVerify?.passed).toBe(true);
    const thread = await harness.threadOf(task.id);
    expect(verifyResults(thread).map((event) => [event.result.outcome, event.willRetry])).toEqual([
      ['failed', true],
      ['passed', false],
    ]);
    expect(retryMessages(thread)).toHaveLength(1);
    const text = ofType(thread, 'agent.text')
      .map((event) => event.text)
      .join('');
    const session = /\(prompt 1 of (\S+)\)/.exec(text)?.[1];
    expect(session).toBeDefined();
    expect(text).toContain(`(prompt 2 of ${session})`);
    expect(readFileSync(join(task.worktreePath, 'fixed.txt'), 'utf8')).toBe('ok\n');
    expect(harness.repo.git(['show', `${task.branch}:notes.txt`])).toBe('hello');
  });
});
