// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../transport/engine-client.js';
import { useStore } from '../../store/store.js';
import { loadStore } from '../../../../testing/renderer/app-state.js';
import { scriptedClient } from '../../../../testing/renderer/fake-client.js';
import { startHarness, type EngineHarness } from '../../../../testing/engine/engine-harness.js';
import { stdioFixture } from '../../../../testing/mcp/fixture-launch.js';
import { McpSection } from './mcp-section.js';

let harness: EngineHarness | undefined;
afterEach(async () => {
  cleanup();
  await harness?.dispose();
  harness = undefined;
});

const fixture = stdioFixture();

/** The store talks to a real engine: every mcp/* command runs for real (servers start, files are read). */
async function setUp(files?: Record<string, string>) {
  harness = await startHarness(files ? { files } : {});
  const engine = harness.engine;
  const client = { ...scriptedClient({}), call: engine.call.bind(engine) } as EngineClient;
  loadStore(client as never, (await engine.call('repo/list', {})).repos);
  engine.onChange((change) => useStore.getState().ingestChange(change));
  render(<McpSection />);
  return harness;
}

describe('MCP servers in Settings', () => {
  it('adds a server with a secret that is never shown, tests it and shows its tools, and removes it', async () => {
    const { engine } = await setUp();
    const form = screen.getByTestId('mcp-add-form');
    fireEvent.change(within(form).getByTestId('mcp-add-name'), { target: { value: 'fixture' } });
    fireEvent.change(within(form).getByTestId('mcp-add-command'), {
      target: { value: [fixture.command, ...fixture.args].join(' ') },
    });
    fireEvent.change(within(form).getByTestId('mcp-add-secrets'), { target: { value: 'TICKETS_TOKEN=tok-secret' } });
    fireEvent.click(within(form).getByTestId('mcp-add'));
    // Once added, the form lets go of what was typed.
    await within(form).findByText('Added.');
    expect((within(form).getByTestId('mcp-add-secrets') as HTMLTextAreaElement).value).toBe('');
    const row = await screen.findByTestId('mcp-server-global-fixture');
    expect(row.textContent).toContain('TICKETS_TOKEN=••••');
    expect(within(row).getByTestId('mcp-server-state').textContent).toBe('Not tested');
    expect(document.body.textContent).not.toContain('tok-secret');
    expect(JSON.stringify(useStore.getState().mcpServers)).not.toContain('tok-secret');

    fireEvent.click(within(row).getByTestId('mcp-server-test'));
    const tools = await within(row).findByTestId('mcp-server-tools', {}, { timeout: 20_000 });
    expect(tools.textContent).toBe(
      'Tools: fixture__lookup_ticket, fixture__echo_upper, fixture__sleep_ms, fixture__read_env',
    );
    expect(within(row).getByTestId('mcp-server-state').textContent).toBe('Works: 4 tools');

    fireEvent.click(within(row).getByTestId('mcp-server-remove'));
    await waitFor(() => expect(screen.queryByTestId('mcp-server-global-fixture')).toBeNull());
    expect((await engine.call('mcp/list', {})).servers).toEqual([]);
  });

  it('follows what another client changed (the CLI adding and switching off a server)', async () => {
    const { engine } = await setUp();
    await engine.call('mcp/add', { name: 'tickets', server: { transport: 'http', url: 'http://127.0.0.1:9/mcp' } });
    const row = await screen.findByTestId('mcp-server-global-tickets');
    await engine.call('mcp/setEnabled', { name: 'tickets', enabled: false });
    await waitFor(() => expect(within(row).getByTestId('mcp-server-state').textContent).toBe('Off'));
  });

  it('a bad name is refused with what to do', async () => {
    await setUp();
    const form = screen.getByTestId('mcp-add-form');
    fireEvent.change(within(form).getByTestId('mcp-add-name'), { target: { value: 'my server' } });
    fireEvent.change(within(form).getByTestId('mcp-add-command'), { target: { value: 'node server.js' } });
    fireEvent.click(within(form).getByTestId('mcp-add'));
    expect((await within(form).findByTestId('mcp-add-error')).textContent).toContain('letters, digits, - and _ only');
  });

  it("offers a repository's .mcp.json with Approve, and the engine remembers the approval", async () => {
    const file = { mcpServers: { fixture: { command: fixture.command, args: fixture.args } } };
    const { repoId } = await setUp({ 'README.md': '# test\n', '.mcp.json': JSON.stringify(file) });
    const card = await screen.findByTestId(`mcp-repo-file-${repoId}`);
    expect(within(card).getByTestId('mcp-repo-file-state').textContent).toContain('not used until you approve it');
    expect(within(card).getByTestId('mcp-server-state').textContent).toBe('Not approved');
    fireEvent.click(within(card).getByTestId('mcp-repo-file-approve'));
    await waitFor(() => expect(within(card).getByTestId('mcp-repo-file-state').textContent).toContain('Approved'));
    expect(within(card).queryByTestId('mcp-repo-file-approve')).toBeNull();
    expect((await harness!.engine.call('mcp/repoFile', { repoId })).file.state).toBe('approved');
  });
});
