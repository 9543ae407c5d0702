import { expect, test } from '@playwright/test';
import { stdioFixture } from '../testing/mcp/fixture-launch.js';
import { scriptedModel, useFlotilla } from './support/flotilla-fixture.js';
import { saveScreenshot } from './support/screenshots.js';
import { dispatchTask, waitForStatus } from './support/ui.js';

// Settings → MCP servers with the stdio test server (the SDK's server side): added with a secret the page never
// sees again, tested (its tools listed), then its tool is called by the built-in agent and shows as a tool row.
const flotilla = useFlotilla();
const fixture = stdioFixture();

test('a server added in Settings is tested, lists its tools, and its tool is called by the built-in agent', async ({
  page,
}, testInfo) => {
  const repo = flotilla.createRepo('tickets', { 'README.md': '# tickets\n' });
  await (await flotilla.api()).call('repo/add', { path: repo.path });
  await flotilla.open(page);
  await page.getByTestId('nav-settings').click();

  const section = page.getByTestId('mcp-section');
  await section.getByTestId('mcp-add-name').fill('fixture');
  await section.getByTestId('mcp-add-command').fill([fixture.command, ...fixture.args].join(' '));
  await section.getByTestId('mcp-add-secrets').fill('TICKETS_TOKEN=tok-e2e-secret');
  await section.getByTestId('mcp-add').click();
  const row = section.getByTestId('mcp-server-global-fixture');
  await expect(row.getByTestId('mcp-server-state')).toHaveText('Not tested');
  await expect(row).toContainText('TICKETS_TOKEN=••••');
  await row.getByTestId('mcp-server-test').click();
  await expect(row.getByTestId('mcp-server-tools')).toHaveText(
    'Tools: fixture__lookup_ticket, fixture__echo_upper, fixture__sleep_ms, fixture__read_env',
  );
  await expect(row.getByTestId('mcp-server-state')).toHaveText('Works: 4 tools');
  await expect(page.locator('body')).not.toContainText('tok-e2e-secret');
  await saveScreenshot(page, testInfo, 'settings-mcp-servers');

  const taskId = await dispatchTask(page, {
    prompt: 'Look the ticket up. [[scenario:mcpLookup]]',
    agent: 'builtin',
    model: scriptedModel,
  });
  await waitForStatus(page, taskId, 'done');
  const call = page.getByTestId('tool-call').filter({ hasText: 'fixture__lookup_ticket' });
  await expect(call).toHaveCount(1);
  await call.click();
  await expect(call).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('thread')).toContainText('Ticket ABC-123: "Login button does nothing on Safari"');
  await saveScreenshot(page, testInfo, 'thread-mcp-tool-call');
});
