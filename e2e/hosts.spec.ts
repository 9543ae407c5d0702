import { userInfo } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { readHomeLock } from '../engine/host/home-lock.js';
import { connectEngine } from '../engine/host/ws-client.js';
import { createTempRepo } from '../testing/engine/temp-repo.js';
import { repoRoot } from '../testing/flotilla-process.js';
import { sshdMissing, startSshd, type SshdKit } from '../testing/ssh/sshd-kit.js';
import { useFlotilla } from './support/flotilla-fixture.js';
import { seedTasks } from './support/seed-tasks.js';
import { startTcpGate, type TcpGate } from './support/tcp-gate.js';
import { dispatchTask, openReview, waitForStatus } from './support/ui.js';

// A remote host reached over the real system ssh (a throw-away sshd on loopback, through a relay the test can cut):
// the window switches to it and shows its tasks, lists every host's tasks in All hosts, remembers the host across a
// reload, and says it is reconnecting while the link is down, then catches up.
const missing = sshdMissing();
test.skip(missing !== null, `No sshd to stand in for a remote host: ${missing ?? ''}`);

const flotilla = useFlotilla({
  seedHome(home, root) {
    const repo = createTempRepo({ 'README.md': '# here\n' }, root, 'local-repo');
    seedTasks(home, { path: repo.path, baseCommit: repo.git(['rev-parse', 'HEAD']) }, [
      { id: 'local0001', title: 'Tidy the local build script', status: 'done' },
    ]);
  },
});

let sshd: SshdKit | null = null;
let gate: TcpGate | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  sshd = await startSshd();
  gate = await startTcpGate(sshd.port);
  const repo = createTempRepo({ 'README.md': '# over there\n' }, flotilla.root, 'remote-repo');
  seedTasks(sshd.remoteHome, { path: repo.path, baseCommit: repo.git(['rev-parse', 'HEAD']) }, [
    { id: 'remote001', title: 'Profile the nightly import on the build box', status: 'done' },
  ]);
  const api = await flotilla.api();
  await api.call('host/add', {
    name: 'buildbox',
    target: `ssh://${userInfo().username}@127.0.0.1:${gate.port}`,
    // The relay's port is not the one the known_hosts line names.
    sshOptions: [...sshd.sshOptions, '-o', `HostKeyAlias=[127.0.0.1]:${sshd.port}`],
    home: sshd.remoteHome,
    command: `${process.execPath} ${join(repoRoot, 'cli', 'bin.mjs')}`,
  });
});

test.afterAll(async () => {
  await gate?.close();
  if (sshd) await stopRemoteEngineAndWait(sshd.remoteHome);
  await sshd?.close();
});

/** Stops the engine the remote sessions started (by its pid) and waits until it exited, so its home can go. */
async function stopRemoteEngineAndWait(home: string): Promise<void> {
  const lock = await readHomeLock(home);
  if (!lock) return;
  const alive = () => {
    try {
      process.kill(lock.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  process.kill(lock.pid, 'SIGTERM');
  await expect.poll(alive, { timeout: 15_000 }).toBe(false);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/hostsui-${name}.png` });
}

function sidebarTask(page: Page, title: string) {
  return page.getByTestId('task-row').filter({ hasText: title });
}

function hostEntry(page: Page, name: string) {
  return page.locator(`[data-testid="host-entry"][data-host="${name}"]`);
}

test('switches to a remote host and shows its tasks, and comes back to it after a reload', async ({ page }) => {
  await flotilla.open(page);
  await expect(sidebarTask(page, 'Tidy the local build script')).toBeVisible();
  await expect(hostEntry(page, '')).toHaveAttribute('aria-pressed', 'true');
  await hostEntry(page, 'buildbox').click();
  await expect(sidebarTask(page, 'Profile the nightly import on the build box')).toBeVisible();
  await expect(hostEntry(page, 'buildbox')).toHaveAttribute('data-state', 'connected');
  await expect(sidebarTask(page, 'Tidy the local build script')).toHaveCount(0);
  await shot(page, 'remote-host');

  await page.reload();
  await expect(sidebarTask(page, 'Profile the nightly import on the build box')).toBeVisible();
  await expect(hostEntry(page, 'buildbox')).toHaveAttribute('aria-pressed', 'true');
});

test('runs a task on the host from the window, its thread and review streaming over ssh', async ({ page }) => {
  await flotilla.open(page);
  await hostEntry(page, 'buildbox').click();
  await expect(page.getByTestId('repo-heading')).toContainText('remote-repo');
  const taskId = await dispatchTask(page, {
    prompt: 'say hello from the build box\nwrite hi.txt hi',
    agent: 'scripted',
  });
  await waitForStatus(page, taskId, 'done');
  await expect(page.getByTestId('thread')).toContainText('hello from the build box');
  const review = await openReview(page);
  await expect(review).toContainText('hi.txt');
  await shot(page, 'remote-review');
});

test('lists every host’s tasks in All hosts, and a row opens its task on its host', async ({ page }) => {
  await flotilla.open(page);
  await page.getByTestId('nav-hosts').click();
  const row = (title: string) => page.getByTestId('all-hosts-row').filter({ hasText: title });
  const local = row('Tidy the local build script');
  const remote = row('Profile the nightly import on the build box');
  await expect(local.getByRole('rowheader')).toHaveText('Local');
  await expect(remote.getByRole('rowheader')).toHaveText('buildbox');
  await expect(remote).toContainText('remote-repo');
  await expect(page.getByTestId('all-hosts-group').first()).toHaveAttribute('data-host', '');
  await shot(page, 'all-hosts');

  await local.click();
  await expect(page.getByTestId('thread-header')).toContainText('Tidy the local build script');
  await expect(hostEntry(page, '')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('nav-hosts').click();
  await remote.click();
  await expect(page.getByTestId('thread-header')).toContainText('Profile the nightly import on the build box');
  await expect(hostEntry(page, 'buildbox')).toHaveAttribute('aria-pressed', 'true');
});

test('says it is reconnecting while the link to the host is down, and catches up once it is back', async ({ page }) => {
  await flotilla.open(page);
  await hostEntry(page, 'buildbox').click();
  await expect(sidebarTask(page, 'Profile the nightly import on the build box')).toBeVisible();
  gate!.cut();
  const banner = page.getByTestId('host-banner');
  await expect(banner).toContainText('Reconnecting to buildbox…');
  await expect(hostEntry(page, 'buildbox')).toHaveAttribute('data-state', 'reconnecting');
  await shot(page, 'reconnecting');

  // Work on the host goes on meanwhile: a client there renames the task.
  const lock = await readHomeLock(sshd!.remoteHome);
  if (!lock?.endpoint) throw new Error(`The remote engine published no address in ${sshd!.remoteHome}.`);
  const there = await connectEngine({ url: lock.endpoint.url, token: lock.endpoint.token });
  await there.call('task/rename', { taskId: 'remote001', title: 'Renamed on the build box while the link was down' });
  await there.close();
  await expect(sidebarTask(page, 'Profile the nightly import on the build box')).toBeVisible();

  gate!.open();
  await expect(banner).toHaveCount(0, { timeout: 45_000 });
  await expect(hostEntry(page, 'buildbox')).toHaveAttribute('data-state', 'connected');
  await expect(sidebarTask(page, 'Renamed on the build box while the link was down')).toBeVisible();
  await shot(page, 'reconnected');
});

test('shows why a host could not be added, in the engine’s words', async ({ page }) => {
  await flotilla.open(page);
  await page.getByTestId('nav-hosts').click();
  await page.getByTestId('add-host-button').click();
  await page.getByLabel('Name').fill('nowhere');
  await page.getByLabel('SSH target').fill('ssh://nobody@127.0.0.1:1');
  await page.getByLabel('SSH options (optional)').fill('-o ConnectTimeout=5 -F /dev/null');
  await page.getByTestId('add-host-submit').click();
  const error = page.getByTestId('add-host-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText('nowhere');
  await shot(page, 'add-host-error');
});

test('closing the window leaves the host’s engine running', async ({ page }) => {
  await flotilla.open(page);
  await hostEntry(page, 'buildbox').click();
  await expect(page.getByTestId('repo-heading')).toContainText('remote-repo');
  await page.close();
  const lock = await readHomeLock(sshd!.remoteHome);
  if (!lock?.endpoint) throw new Error(`The remote engine published no address in ${sshd!.remoteHome}.`);
  const there = await connectEngine({ url: lock.endpoint.url, token: lock.endpoint.token });
  const { tasks } = await there.call('task/list', {});
  await there.close();
  expect(tasks.map((task) => task.id)).toContain('remote001');
});
