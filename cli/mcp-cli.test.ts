import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useCliHome } from '../testing/cli/cli-home.js';
import { captureIo } from '../testing/cli/test-io.js';
import { runCli } from './main.js';
import { stdioFixture } from '../testing/mcp/fixture-launch.js';
import { startHttpMcpFixture, type HttpMcpFixture } from '../testing/mcp/http-fixture-server.js';

const fixture = stdioFixture();
const fixtureCommand = [fixture.command, ...fixture.args];

describe('flotilla mcp', () => {
  const kit = useCliHome();
  const { cli } = kit;
  let web: HttpMcpFixture | undefined;
  afterEach(async () => {
    await web?.close();
    web = undefined;
  });

  it('adds a stdio server, tests it (its tools), lists it without its secrets, and removes it', async () => {
    expect((await cli('mcp', 'list')).out).toContain('No MCP servers yet.');
    const added = await cli('mcp', 'add', 'fixture', '--env', 'TICKETS_TOKEN=tok-secret', '--', ...fixtureCommand);
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toContain('Added MCP server fixture for every task; its tools reach agents as fixture__<tool>.');
    expect((await cli('mcp', 'list')).out).toMatch(/fixture\s+global\s+.*not tested/);
    const tested = await cli('mcp', 'test', 'fixture');
    expect(tested.code).toBe(0);
    expect(tested.out).toContain('fixture started and lists 4 tools:');
    expect(tested.out).toMatch(/fixture__lookup_ticket\s+Looks up a ticket of the issue tracker by its id\./);
    const listed = await cli('mcp', 'list');
    expect(listed.out).toMatch(/fixture\s+global\s+.*ok, 4 tools\s+lookup_ticket, echo_upper, sleep_ms, read_env/);
    expect(listed.out).not.toContain('tok-secret');
    expect(await cli('mcp', 'remove', 'fixture')).toMatchObject({
      code: 0,
      out: 'Removed MCP server fixture and its stored secrets.\n',
    });
    expect(await cli('mcp', 'remove', 'fixture')).toMatchObject({ code: 1 });
    expect((await cli('mcp', 'list')).out).toContain('No MCP servers yet.');
  });

  it('adds an HTTP server for one repository with a header; a wrong header or a crashing server says why', async () => {
    web = await startHttpMcpFixture({ requireHeader: { name: 'Authorization', value: 'Bearer right' } });
    const { repo } = kit;
    const add = (name: string, header: string) =>
      cli('mcp', 'add', name, '--repo', repo.path, '--url', web!.url, '--header', header);
    expect((await add('web', 'Authorization: Bearer right')).code).toBe(0);
    expect((await add('wrong', 'Authorization: Bearer wrong')).code).toBe(0);
    expect((await cli('mcp', 'test', 'web')).out).toContain('web started and lists 4 tools:');
    const refused = await cli('mcp', 'test', 'wrong');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`wrong did not start: Could not reach ${web.url}`);
    expect((await cli('mcp', 'list', '--repo', repo.path)).out).toMatch(/wrong\s+repo\s+\S+\s+fails to start/);

    const crashing = stdioFixture({ mode: 'crash' });
    expect((await cli('mcp', 'add', 'broken', '--', crashing.command, ...crashing.args)).code).toBe(0);
    const crashed = await cli('mcp', 'test', 'broken');
    expect(crashed.code).toBe(1);
    expect(crashed.err).toContain('broken did not start: The server exited with code 3 before it answered.');
    expect(crashed.err).toContain('cannot open the ticket database');
  });

  it('refuses bad input with what to do', async () => {
    const noCommand = await cli('mcp', 'add', 'fixture');
    expect(noCommand.code).toBe(2);
    expect(noCommand.err).toContain('Give the command that starts the server after --, or --url for an HTTP server.');
    const badEnv = await cli('mcp', 'add', 'fixture', '--env', 'novalue', '--', 'node');
    expect(badEnv.code).toBe(2);
    expect(badEnv.err).toContain('--env takes NAME=value, not "novalue".');
    const badName = await cli('mcp', 'add', 'my.server', '--', 'node');
    expect(badName.code).toBe(1);
    expect(badName.err).toContain('may use letters, digits, - and _ only');
    expect((await cli('mcp', 'add', 'fixture', '--', 'node')).code).toBe(0);
    const twice = await cli('mcp', 'add', 'fixture', '--', 'node');
    expect(twice.err).toContain('already configured globally');
    const missing = await cli('mcp', 'test', 'nothing');
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toContain('No MCP server called "nothing"');
    expect((await cli('mcp', 'frobnicate')).code).toBe(2);
  });

  it("approves a repository's .mcp.json, and asks again once it changes", async () => {
    const { repo } = kit;
    const file = join(repo.path, '.mcp.json');
    writeFileSync(file, JSON.stringify({ mcpServers: { fixture: { command: fixture.command, args: fixture.args } } }));
    expect((await cli('repo', 'add', repo.path)).code).toBe(0);
    expect((await cli('mcp', 'list', '--repo', repo.path)).out).toContain(`${file}: not approved yet`);
    // Run in the repository, list shows its .mcp.json too.
    const inRepo = captureIo(kit.home, { cwd: repo.path });
    expect(await runCli(['mcp', 'list'], inRepo)).toBe(0);
    expect(inRepo.out()).toContain(`${file}: not approved yet`);
    const approved = await cli('mcp', 'approve', '--repo', repo.path);
    expect(approved.code).toBe(0);
    expect(approved.out).toContain(`Approved ${file}`);
    expect(approved.out).toMatch(/fixture\s+\.mcp\.json/);
    expect((await cli('mcp', 'list', '--repo', repo.path)).out).toContain(`${file}: approved`);
    expect((await cli('mcp', 'test', 'fixture', '--repo', repo.path)).out).toContain('fixture started');
    writeFileSync(file, JSON.stringify({ mcpServers: { other: { command: 'node' } } }));
    expect((await cli('mcp', 'list', '--repo', repo.path)).out).toContain(`${file}: changed since you approved it`);
  });
});
