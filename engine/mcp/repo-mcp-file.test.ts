import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { readRepoMcpFile } from './repo-mcp-file.js';

let folder = '';
afterEach(() => removeTemp(folder));

function fileWith(content: unknown): string {
  folder = makeTempDir();
  writeFileSync(join(folder, '.mcp.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return folder;
}

describe("a repository's .mcp.json", () => {
  it('reads stdio and http servers, with ${VAR} and ${VAR:-default} from the environment', async () => {
    const repo = fileWith({
      mcpServers: {
        tickets: { command: 'npx', args: ['-y', 'tickets-mcp', '--db=${TICKETS_DB:-local}'], env: { TOKEN: '${TOK}' } },
        docs: { type: 'http', url: 'https://docs.example.com/mcp', headers: { Authorization: 'Bearer ${TOK}' } },
      },
    });
    const file = await readRepoMcpFile(repo, { TOK: 'secret-1' });
    expect(file.kind === 'read' && file.servers).toEqual([
      {
        name: 'tickets',
        transport: {
          transport: 'stdio',
          command: 'npx',
          args: ['-y', 'tickets-mcp', '--db=local'],
          env: { TOKEN: 'secret-1' },
        },
      },
      {
        name: 'docs',
        transport: {
          transport: 'http',
          url: 'https://docs.example.com/mcp',
          headers: { Authorization: 'Bearer secret-1' },
        },
      },
    ]);
    expect(file.kind === 'read' && file.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says what is wrong: a variable that is not set, a bad name, a server without a command, broken JSON', async () => {
    const missing = await readRepoMcpFile(fileWith({ mcpServers: { a: { command: 'x', env: { T: '${NOPE}' } } } }), {});
    expect(missing).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('uses ${NOPE}, not set') });
    removeTemp(folder);
    const badName = await readRepoMcpFile(fileWith({ mcpServers: { 'a b': { command: 'x' } } }), {});
    expect(badName).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('"a b"') });
    removeTemp(folder);
    const noCommand = await readRepoMcpFile(fileWith({ mcpServers: { a: { args: [] } } }), {});
    expect(noCommand).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('needs a "command"') });
    removeTemp(folder);
    const broken = await readRepoMcpFile(fileWith('{ "mcpServers": '), {});
    expect(broken).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('not valid JSON') });
    removeTemp(folder);
    folder = makeTempDir();
    expect(await readRepoMcpFile(folder, {})).toMatchObject({ kind: 'missing' });
  });
});
