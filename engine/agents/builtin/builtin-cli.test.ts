import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../../../cli/main.js';
import { captureIo } from '../../../testing/cli/test-io.js';
import { createEngine } from '../../engine.js';
import { replyText, replyToolCalls, writeFile } from '../../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../../testing/model-server/server.js';
import { createTempRepo, makeTempDir, removeTemp, type TempRepo } from '../../../testing/engine/temp-repo.js';

describe('the built-in agent from the CLI', () => {
  let temp: string;
  let home: string;
  let repo: TempRepo;
  let server: ModelServer;

  beforeEach(async () => {
    temp = makeTempDir();
    home = join(temp, 'home');
    repo = createTempRepo({ 'README.md': '# cli\n' }, temp);
    server = await startModelServer();
  });

  afterEach(async () => {
    await server.close();
    removeTemp(temp);
  });

  test('`flotilla run --agent builtin --model compatible:llama3 --wait` makes the change through an OpenAI-compatible server', async () => {
    const engine = await createEngine({ home });
    await engine.call('provider/update', { provider: 'compatible', settings: { baseUrl: `${server.url}/v1` } });
    await engine.close();
    server.script([
      replyToolCalls([writeFile('notes/cli.txt', 'Written via the CLI.\n')], { text: 'Writing the note.' }),
      replyText('Wrote notes/cli.txt.'),
    ]);

    const io = captureIo(home, { cwd: temp });
    const code = await runCli(
      ['run', '--repo', repo.path, '--agent', 'builtin', '--model', 'compatible:llama3', '--wait', 'Add a note.'],
      io,
    );
    expect(io.err()).not.toContain('error:');
    expect(code).toBe(0);
    expect(io.out()).toContain('tool write_file');
    expect(io.out()).toMatch(/status done\n/);
    expect(server.requests.map((request) => [request.api, (request.body as { model?: string }).model])).toEqual([
      ['chat', 'llama3'],
      ['chat', 'llama3'],
    ]);
    const branch = /on branch (\S+)\./.exec(io.err())?.[1];
    expect(branch).toBeDefined();
    expect(repo.git(['show', `${branch}:notes/cli.txt`])).toBe('Written via the CLI.');
    expect(repo.git(['status', '--porcelain'])).toBe('');
  });
});
