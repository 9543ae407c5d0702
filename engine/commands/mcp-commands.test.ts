import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startBuiltinTask, useModelServer } from '../../testing/agents/e2e-test-kit.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { stdioFixture } from '../../testing/mcp/fixture-launch.js';
import { startHttpMcpFixture, type HttpMcpFixture } from '../../testing/mcp/http-fixture-server.js';
import { replyText } from '../../testing/model-server/scenario-steps.js';
import { startModelServer, type ModelServer } from '../../testing/model-server/server.js';

let harness: EngineHarness | undefined;
let server: ModelServer | undefined;
let web: HttpMcpFixture | undefined;
afterEach(async () => {
  await harness?.dispose();
  await server?.close();
  await web?.close();
  harness = server = web = undefined;
});

describe('mcp/* commands', () => {
  test('secrets are kept like provider keys and never sent back: clients see only their names', async () => {
    harness = await startHarness();
    const stdio = stdioFixture({ env: { TICKETS_TOKEN: 'tok-123-secret' } });
    const added = await harness.engine.call('mcp/add', { name: 'fixture', server: stdio });
    await harness.engine.call('mcp/add', {
      name: 'web',
      repoId: harness.repoId,
      server: { transport: 'http', url: 'http://127.0.0.1:9/mcp', headers: { Authorization: 'Bearer hdr-secret' } },
    });
    expect(added.server).toMatchObject({ name: 'fixture', repoId: null, source: 'user', enabled: true, check: null });
    const { servers } = await harness.engine.call('mcp/list', {});
    expect(servers.map((one) => one.transport)).toEqual([
      { transport: 'stdio', command: stdio.command, args: stdio.args, envNames: ['TICKETS_TOKEN'] },
      { transport: 'http', url: 'http://127.0.0.1:9/mcp', headerNames: ['Authorization'] },
    ]);
    expect(JSON.stringify(servers)).not.toMatch(/tok-123-secret|hdr-secret/);
    // A removed repository's servers leave the list, and come back with it.
    await harness.engine.call('repo/remove', { repoId: harness.repoId });
    expect((await harness.engine.call('mcp/list', {})).servers.map((one) => one.name)).toEqual(['fixture']);
    await harness.engine.call('repo/add', { path: harness.repo.path });
    expect((await harness.engine.call('mcp/list', {})).servers.map((one) => one.name)).toEqual(['fixture', 'web']);
    expect(readFileSync(join(harness.home, 'mcp-servers.json'), 'utf8')).not.toMatch(/tok-123-secret|hdr-secret/);
    const secrets = join(harness.home, 'secrets.json');
    expect(readFileSync(secrets, 'utf8')).toContain('tok-123-secret');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    // The secret reaches the server itself.
    const { check } = await harness.engine.call('mcp/test', { name: 'fixture' });
    expect(check.ok).toBe(true);
    expect(check.tools.map((tool) => tool.name)).toEqual(['lookup_ticket', 'echo_upper', 'sleep_ms', 'read_env']);
  });

  test('names are letters, digits, - and _; a name taken in its scope is refused; remove forgets it', async () => {
    harness = await startHarness();
    const engine = harness.engine;
    await expect(engine.call('mcp/add', { name: 'my server', server: stdioFixture() })).rejects.toThrow(
      /letters, digits, - and _ only/,
    );
    await expect(
      engine.call('mcp/add', { name: 'web', server: { transport: 'http', url: 'ftp://x', headers: {} } }),
    ).rejects.toThrow(/http\(s\):\/\//);
    await engine.call('mcp/add', { name: 'fixture', server: stdioFixture() });
    await expect(engine.call('mcp/add', { name: 'fixture', server: stdioFixture() })).rejects.toThrow(
      /already configured globally.*flotilla mcp remove fixture/,
    );
    await engine.call('mcp/setEnabled', { name: 'fixture', enabled: false });
    expect((await engine.call('mcp/list', {})).servers[0]?.enabled).toBe(false);
    expect(await engine.call('mcp/remove', { name: 'fixture' })).toEqual({ removed: true });
    expect(await engine.call('mcp/remove', { name: 'fixture' })).toEqual({ removed: false });
    expect(readFileSync(join(harness.home, 'secrets.json'), 'utf8')).not.toContain('"global/fixture"');
    await expect(engine.call('mcp/test', { name: 'fixture' })).rejects.toThrow(/No MCP server called "fixture"/);
  });

  test('a server that fails to start says why: exit code and the end of its stderr, or what cannot be reached', async () => {
    harness = await startHarness();
    web = await startHttpMcpFixture({ requireHeader: { name: 'Authorization', value: 'Bearer right' } });
    await harness.engine.call('mcp/add', { name: 'broken', server: stdioFixture({ mode: 'crash' }) });
    await harness.engine.call('mcp/add', {
      name: 'web',
      server: { transport: 'http', url: web.url, headers: { Authorization: 'Bearer wrong' } },
    });
    const crashed = await harness.engine.call('mcp/test', { name: 'broken' });
    expect(crashed.check.ok).toBe(false);
    expect(crashed.check.message).toContain('exited with code 3');
    expect(crashed.check.message).toContain('cannot open the ticket database');
    const refused = await harness.engine.call('mcp/test', { name: 'web' });
    expect(refused.check.ok).toBe(false);
    expect(refused.check.message).toContain(`Could not reach ${web.url}`);
    // The last check is the server's state in the list.
    const { servers } = await harness.engine.call('mcp/list', {});
    expect(servers.map((one) => [one.name, one.check?.ok])).toEqual([
      ['broken', false],
      ['web', false],
    ]);
  });

  test("a repository's .mcp.json is used only once approved, and asks again when it changes", async () => {
    server = await startModelServer();
    const fixture = stdioFixture();
    const file = { mcpServers: { fixture: { command: fixture.command, args: fixture.args } } };
    harness = await startHarness({ files: { 'README.md': '# test\n', '.mcp.json': JSON.stringify(file) } });
    await useModelServer(harness, server);
    const { repoId, engine } = harness;
    const offered = async (): Promise<boolean> => {
      const count = server!.requests.length;
      server!.script(replyText('Hello.'));
      const task = await startBuiltinTask(harness!, 'Say hello.');
      await harness!.waitFor(task.id, ['done']);
      return JSON.stringify(server!.requests[count]?.body).includes('fixture__lookup_ticket');
    };
    const shown = (await engine.call('mcp/repoFile', { repoId })).file;
    expect(shown).toMatchObject({ state: 'unapproved', problem: null });
    expect(shown.servers.map((one) => [one.name, one.source, one.enabled])).toEqual([['fixture', 'repoFile', false]]);
    expect(await offered()).toBe(false);
    // Its server can be tried before approving.
    expect((await engine.call('mcp/test', { name: 'fixture', repoId })).check.ok).toBe(true);

    await expect(engine.call('mcp/approveRepoFile', { repoId, hash: 'stale' })).rejects.toThrow(/changed since/);
    const approved = (await engine.call('mcp/approveRepoFile', { repoId, hash: shown.hash! })).file;
    expect(approved.state).toBe('approved');
    expect(await offered()).toBe(true);

    const changed = { mcpServers: { ...file.mcpServers, extra: { command: 'echo' } } };
    writeFileSync(join(harness.repo.path, '.mcp.json'), JSON.stringify(changed));
    const again = (await engine.call('mcp/repoFile', { repoId })).file;
    expect(again.state).toBe('changed');
    expect(again.hash).not.toBe(shown.hash);
    expect(again.servers.map((one) => one.name)).toEqual(['fixture', 'extra']);
    expect(await offered()).toBe(false);

    writeFileSync(join(harness.repo.path, '.mcp.json'), '{ "mcpServers": { "bad name": { "command": "x" } } }');
    expect((await engine.call('mcp/repoFile', { repoId })).file).toMatchObject({
      state: 'invalid',
      problem: expect.stringContaining('"bad name"'),
    });
  });
});
