import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  editFile,
  readFile,
  replyText,
  replyToolCalls,
  writeFile,
} from '../../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../../testing/model-server/server.js';
import { startHarness, type EngineHarness } from '../../../testing/engine/engine-harness.js';
import {
  bodyText,
  eventsOf,
  startBuiltinTask,
  threadOf,
  useModelServer,
} from '../../../testing/agents/e2e-test-kit.js';

let server: ModelServer | undefined;
let harness: EngineHarness | undefined;
afterEach(async () => {
  await harness?.dispose();
  await server?.close();
  harness = undefined;
  server = undefined;
});

async function setUp(files?: Record<string, string>): Promise<{ server: ModelServer; harness: EngineHarness }> {
  server = await startModelServer();
  harness = await startHarness(files ? { files } : {});
  await useModelServer(harness, server);
  return { server, harness };
}

describe('the built-in agent in the engine, through the real SDK adapters', () => {
  test.each([
    { model: 'anthropic:claude-sonnet-4-6', api: 'anthropic', priced: true },
    { model: 'openai:gpt-5', api: 'responses', priced: true },
    { model: 'compatible:llama3', api: 'chat', priced: false },
  ])('changes files in its worktree over $api ($model)', async ({ model, api, priced }) => {
    const { server, harness } = await setUp();
    server.script([
      replyToolCalls([readFile('README.md')], { text: 'Reading first.' }),
      replyToolCalls([
        editFile('README.md', '# test\n', '# test\n\nEdited over the wire.\n'),
        writeFile('notes/added.txt', 'A new file.\n'),
      ]),
      replyText('Edited README.md and added notes/added.txt.'),
    ]);
    const task = await startBuiltinTask(harness, 'Edit the README and add a note.', { model });
    const done = await harness.waitFor(task.id, ['done', 'failed']);
    expect(done.lastError).toBeNull();
    expect(done.status).toBe('done');
    expect(server.requests.map((request) => request.api)).toEqual([api, api, api]);
    expect(server.requests[0]?.headers['authorization'] ?? server.requests[0]?.headers['x-api-key']).toContain(
      'test-key',
    );
    const { diff } = await harness.engine.call('task/diff', { taskId: task.id });
    expect(diff.files.map((file) => [file.path, file.status])).toEqual([
      ['README.md', 'modified'],
      ['notes/added.txt', 'added'],
    ]);
    expect(readFileSync(join(done.worktreePath, 'README.md'), 'utf8')).toBe('# test\n\nEdited over the wire.\n');
    // The user's own checkout is untouched.
    expect(readFileSync(join(harness.repo.path, 'README.md'), 'utf8')).toBe('# test\n');
    expect(harness.repo.git(['status', '--porcelain'])).toBe('');
    expect(done.usage.inputTokens).toBeGreaterThan(0);
    expect(done.usage.outputTokens).toBeGreaterThan(0);
    if (priced) expect(done.usage.costUsd).toBeGreaterThan(0);
    else expect(done.usage.costUsd).toBe(0);
    const events = await threadOf(harness, task.id);
    expect(eventsOf(events, 'usage').map((event) => event.model)).toEqual([model, model, model]);
    expect(eventsOf(events, 'sandbox.detected')).toHaveLength(1);
    expect(
      eventsOf(events, 'agent.text')
        .map((event) => event.text)
        .join(''),
    ).toBe('Reading first.Edited README.md and added notes/added.txt.');
    expect(eventsOf(events, 'notice').some((event) => event.message.includes(`No price is known for ${model}`))).toBe(
      !priced,
    );
  });

  test('read → failing edit → corrected edit → bash → done leaves the right file and shows the failed edit', async () => {
    const { harness } = await setUp();
    const task = await startBuiltinTask(
      harness,
      'Note in the README that it was edited. [[scenario:readFailingEditCorrectedEditBashDone]]',
    );
    const done = await harness.waitFor(task.id, ['done', 'failed']);
    expect(done.status).toBe('done');
    expect(readFileSync(join(done.worktreePath, 'README.md'), 'utf8')).toBe(
      '# test\n\nEdited by the scripted model.\n',
    );
    const events = await threadOf(harness, task.id);
    const started = eventsOf(events, 'tool.started');
    const finished = eventsOf(events, 'tool.finished');
    expect(started.map((event) => event.name)).toEqual(['read_file', 'edit_file', 'edit_file', 'bash']);
    expect(finished.map((event) => event.ok)).toEqual([true, false, true, true]);
    expect(finished[3]?.result).toContain('Edited by the scripted model.');
    expect(
      eventsOf(events, 'tool.output').some(
        (event) => event.callId === started[3]?.callId && event.text.includes('Edited by'),
      ),
    ).toBe(true);
    const { diff } = await harness.engine.call('task/diff', { taskId: task.id });
    expect(diff.files.map((file) => file.path)).toEqual(['README.md']);
  });

  test('a follow-up message continues the same conversation', async () => {
    const { server, harness } = await setUp();
    server.script([replyText('The answer is 42.'), replyText('Because I counted.')]);
    const task = await startBuiltinTask(harness, 'What is the answer?', { model: 'openai:gpt-5' });
    await harness.waitFor(task.id, ['done']);
    await harness.engine.call('task/send', { taskId: task.id, text: 'Why?' });
    await harness.waitFor(task.id, ['running', 'done']);
    const second = await harness.waitFor(task.id, ['done', 'failed']);
    expect(second.turns).toBe(2);
    expect(server.requests).toHaveLength(2);
    const body = bodyText(server, 1);
    const order = ['What is the answer?', 'The answer is 42.', 'Why?'].map((text) => body.indexOf(text));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('AGENTS.md and the skills reach the system prompt, and read_skill returns a skill', async () => {
    const { server, harness } = await setUp({
      'README.md': '# test\n',
      'AGENTS.md': 'Always run the linter before finishing.\n',
      '.claude/skills/changelog/SKILL.md':
        '---\nname: changelog\ndescription: Keep CHANGELOG.md in the Keep a Changelog format.\n---\nAdd entries under Unreleased.\n',
    });
    server.script([
      replyToolCalls([{ name: 'read_skill', arguments: { name: 'changelog' } }]),
      replyText('Read the skill.'),
    ]);
    const task = await startBuiltinTask(harness, 'Update the changelog.', { model: 'compatible:llama3' });
    await harness.waitFor(task.id, ['done']);
    const first = server.requests[0]?.body as {
      messages: Array<{ role: string; content: unknown }>;
      tools: Array<{ function: { name: string } }>;
    };
    const system = JSON.stringify(first.messages[0]);
    expect(first.messages[0]?.role).toBe('system');
    expect(system).toContain('Always run the linter before finishing.');
    expect(system).toContain('- changelog: Keep CHANGELOG.md in the Keep a Changelog format.');
    expect(first.tools.map((tool) => tool.function.name)).toContain('read_skill');
    const finished = eventsOf(await threadOf(harness, task.id), 'tool.finished');
    expect(finished).toMatchObject([{ ok: true, result: 'Add entries under Unreleased.' }]);
    expect(bodyText(server, 1)).toContain('Add entries under Unreleased.');
  });
});
