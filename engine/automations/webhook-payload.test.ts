import { describe, expect, it } from 'vitest';
import { mapPayload } from './webhook-payload.js';

describe('webhook payloads', () => {
  it('maps a GitHub push into its ref, commits and head message', () => {
    const push = {
      ref: 'refs/heads/main',
      compare: 'https://github.com/acme/app/compare/a...b',
      commits: [
        { id: '1111111aaaa', message: 'Fix dates\n\nLonger text' },
        { id: '2222222bbbb', message: 'Add test' },
      ],
      head_commit: { message: 'Add test' },
      pusher: { name: 'ada' },
      repository: { full_name: 'acme/app' },
    };
    const mapped = mapPayload(JSON.stringify(push), 'push', 'application/json');
    expect(mapped.reason).toBe('webhook: GitHub push to refs/heads/main (2 commits)');
    expect(mapped.variables).toMatchObject({
      'event.kind': 'push',
      'event.ref': 'refs/heads/main',
      'event.commits': '1111111 Fix dates\n2222222 Add test',
      'event.title': 'Add test',
      'event.url': 'https://github.com/acme/app/compare/a...b',
      'event.sender': 'ada',
      'event.repository': 'acme/app',
    });
  });

  it("maps a pull request, GitHub's form-encoded deliveries, and text that is not JSON", () => {
    const pull = {
      action: 'opened',
      pull_request: { number: 7, title: 'Faster build', body: null, html_url: 'https://github.com/acme/app/pull/7' },
      sender: { login: 'bob' },
    };
    const form = `payload=${encodeURIComponent(JSON.stringify(pull))}`;
    const mapped = mapPayload(form, 'pull_request', 'application/x-www-form-urlencoded');
    expect(mapped.reason).toBe('webhook: GitHub pull request #7 opened: Faster build');
    expect(mapped.variables).toMatchObject({
      'event.kind': 'pull_request',
      'event.number': '7',
      'event.body': '',
      'event.sender': 'bob',
    });
    const text = mapPayload('disk almost full', null, 'text/plain');
    expect(text.variables).toEqual({ 'event.kind': 'text', 'event.body': 'disk almost full' });
    const long = mapPayload(JSON.stringify({ title: 't', body: 'b'.repeat(30_000) }), null, null);
    expect(long.variables['event.body']).toMatch(/\[cut: 10000 more characters\]$/);
  });
});
