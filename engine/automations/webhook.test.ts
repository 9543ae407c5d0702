import { createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { reportInstruction } from './run-outcome.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutomationRun } from '../../shared/automation.js';
import { startHarness, type EngineHarness } from '../../testing/engine/engine-harness.js';
import { serveEngine, type EngineServer } from '../host/ws-server.js';

let harness: EngineHarness | null = null;
let server: EngineServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  await harness?.dispose();
  harness = null;
});

function runsOf(h: EngineHarness, automationId: string): Promise<AutomationRun[]> {
  return h.engine.call('automation/runs', { automationId }).then((result) => result.runs);
}

async function setUp(prompt = 'say Investigate: {{event.title}} (#{{event.number}} by {{event.sender}})') {
  harness = await startHarness();
  server = await serveEngine({ engine: harness.engine, closeGraceMs: 200 });
  const { automation } = await harness.engine.call('automation/create', {
    repoId: harness.repoId,
    name: 'triage',
    trigger: { on: 'webhook' },
    template: { prompt },
  });
  const { secret, path } = await harness.engine.call('automation/secret', { automationId: 'triage' });
  return { h: harness, automation, secret, url: `${server.url}${path}` };
}

const issuePayload = JSON.stringify({
  action: 'opened',
  issue: {
    number: 42,
    title: 'Dates parse wrong in Oslo',
    body: 'Steps: open the calendar.',
    html_url: 'https://github.com/acme/app/issues/42',
  },
  sender: { login: 'octocat' },
  repository: { full_name: 'acme/app' },
});

function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function post(url: string, body: string, headers: Record<string, string>) {
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

describe('webhook trigger', () => {
  it('a signed GitHub issue delivery starts one run with its {{event.*}} values; a replayed delivery id starts none', async () => {
    const { h, automation, secret, url } = await setUp();
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/hooks/${automation.id}$`));
    const headers = {
      'x-github-event': 'issues',
      'x-github-delivery': 'delivery-1',
      'x-hub-signature-256': sign(issuePayload, secret),
    };
    // No access token: the signature is what lets it in.
    const first = await post(url, issuePayload, headers);
    expect(first.status).toBe(202);
    const answer = (await first.json()) as { runId: string; state: string };
    const [run] = await runsOf(h, automation.id);
    expect(answer).toMatchObject({ runId: run?.id, state: 'started' });
    expect(run).toMatchObject({
      reason: 'webhook: GitHub issue #42 opened: Dates parse wrong in Oslo',
      eventKey: 'delivery:delivery-1',
    });
    expect(run?.variables).toMatchObject({
      'event.kind': 'issue',
      'event.action': 'opened',
      'event.title': 'Dates parse wrong in Oslo',
      'event.body': 'Steps: open the calendar.',
      'event.url': 'https://github.com/acme/app/issues/42',
      'event.number': '42',
      'event.sender': 'octocat',
      'event.repository': 'acme/app',
      'event.delivery': 'delivery-1',
    });
    const task = await h.waitFor(run?.taskIds[0] ?? '', ['done']);
    expect(task.prompt).toBe(reportInstructionAfter('say Investigate: Dates parse wrong in Oslo (#42 by octocat)'));

    const replay = await post(url, issuePayload, headers);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ outcome: 'duplicate' });
    expect(await runsOf(h, automation.id)).toHaveLength(1);

    const ping = await post(url, '{"zen":"Keep it logically awesome."}', {
      'x-github-event': 'ping',
      'x-hub-signature-256': sign('{"zen":"Keep it logically awesome."}', secret),
    });
    expect(await ping.json()).toEqual({ outcome: 'ping' });
    expect(await runsOf(h, automation.id)).toHaveLength(1);
  });

  it('an unsigned, wrongly signed or wrong-secret delivery gets 401 and starts nothing; a payload over 1 MB gets 413', async () => {
    const { h, automation, secret, url } = await setUp();
    const unsigned = await post(url, issuePayload, { 'x-github-event': 'issues' });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: string }).error).toContain('Sign the request');
    const wrong = await post(url, issuePayload, { 'x-hub-signature-256': sign(issuePayload, `${secret}x`) });
    expect(wrong.status).toBe(401);
    // A signature over other bytes than those sent.
    const tampered = await post(url, issuePayload.replace('42', '43'), {
      'x-hub-signature-256': sign(issuePayload, secret),
    });
    expect(tampered.status).toBe(401);
    const wrongSecret = await post(url, issuePayload, { 'x-flotilla-secret': 'guess' });
    expect(wrongSecret.status).toBe(401);
    const big = JSON.stringify({ title: 'x', body: 'y'.repeat(1024 * 1024) });
    const tooBig = await post(url, big, { 'x-flotilla-secret': secret });
    expect(tooBig.status).toBe(413);
    // Without a Content-Length the cap applies as the body arrives.
    const streamed = await new Promise<number>((resolve, reject) => {
      const sent = request(url, { method: 'POST', headers: { 'x-flotilla-secret': secret } }, (answer) => {
        answer.resume();
        resolve(answer.statusCode ?? 0);
      });
      sent.on('error', reject);
      sent.write(big.slice(0, 600_000));
      sent.end(big.slice(600_000));
    });
    expect(streamed).toBe(413);
    const nowhere = await post(url.replace(automation.id, 'nope'), issuePayload, { 'x-flotilla-secret': secret });
    expect(nowhere.status).toBe(404);
    expect(await runsOf(h, automation.id)).toEqual([]);
    // The rest of the server still wants its token.
    expect((await fetch(server?.url ?? '')).status).toBe(401);
  });

  it('a plain shared-secret header and any JSON payload work; the secret is stored owner-only, kept by provider saves and forgotten with the automation', async () => {
    const { h, automation, secret, url } = await setUp('say {{event.title}}: {{event.body}}');
    const body = JSON.stringify({ title: 'Nightly export failed', body: 'Exit 2 at step 3', extra: { n: 1 } });
    const response = await post(url, body, { 'x-flotilla-secret': secret, 'x-flotilla-delivery': 'n-1' });
    expect(response.status).toBe(202);
    const [run] = await runsOf(h, automation.id);
    expect(run?.reason).toBe('webhook: Nightly export failed');
    expect(run?.variables['event.json']).toContain('"extra"');
    expect(run?.variables['event.kind']).toBe('json');
    expect((await h.waitFor(run?.taskIds[0] ?? '', ['done'])).prompt).toBe(
      reportInstructionAfter('say Nightly export failed: Exit 2 at step 3'),
    );

    const secretsFile = `${h.home}/secrets.json`;
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    await h.engine.call('provider/update', { provider: 'anthropic', settings: { apiKey: 'sk-test' } });
    expect(readFileSync(secretsFile, 'utf8')).toContain(secret);
    expect((await h.engine.call('automation/secret', { automationId: 'triage' })).secret).toBe(secret);
    await h.engine.call('automation/remove', { automationId: 'triage' });
    expect(readFileSync(secretsFile, 'utf8')).not.toContain(secret);
    expect(readFileSync(secretsFile, 'utf8')).toContain('sk-test');
  });
});

/** The prompt a run's task gets: the rendered template, then the line asking for NOTHING TO REPORT. */
function reportInstructionAfter(rendered: string): string {
  return rendered + reportInstruction;
}
