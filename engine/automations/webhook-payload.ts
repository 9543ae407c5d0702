/** How much of a text field goes into a prompt variable; the rest is cut with a note. */
const maxTitleChars = 500;
const maxBodyChars = 20_000;

/** A delivery's {{event.*}} values and the run's reason in words. */
export interface MappedPayload {
  reason: string;
  variables: Record<string, string>;
}

type Json = Record<string, unknown>;

/**
 * Maps a webhook body into {{event.*}} variables: GitHub issue, issue comment, pull request and push payloads field by
 * field; any other JSON gives its title and body if it has them, and all of it as {{event.json}}; text that is not
 * JSON is the body. GitHub's form-encoded deliveries (payload=…) are read like JSON ones.
 */
export function mapPayload(body: string, githubEvent: string | null, contentType: string | null): MappedPayload {
  const payload = parseBody(body, contentType);
  if (payload === null) {
    return {
      reason: 'webhook with a text body',
      variables: { 'event.kind': 'text', 'event.body': cut(body, maxBodyChars) },
    };
  }
  const json = cut(JSON.stringify(payload, null, 2), maxBodyChars);
  const common = {
    'event.action': text(payload.action),
    'event.sender': text(field(payload, 'sender', 'login')),
    'event.repository': text(field(payload, 'repository', 'full_name')),
    'event.json': json,
  };
  const mapped = githubEvent ? mapGithub(githubEvent, payload) : null;
  if (mapped) return { reason: `webhook: ${mapped.reason}`, variables: { ...common, ...mapped.variables } };
  const title = text(payload.title ?? payload.subject ?? payload.name);
  const kind = githubEvent ?? (text(payload.kind ?? payload.type) || 'json');
  return {
    reason: `webhook${title ? `: ${cut(title, 100)}` : ` (${kind})`}`,
    variables: {
      ...common,
      'event.kind': kind,
      'event.title': cut(title, maxTitleChars),
      'event.body': cut(text(payload.body ?? payload.text ?? payload.message ?? payload.description), maxBodyChars),
      'event.url': text(payload.url ?? payload.html_url),
    },
  };
}

function mapGithub(event: string, payload: Json): MappedPayload | null {
  const action = text(payload.action);
  switch (event) {
    case 'issues':
    case 'pull_request': {
      const item = object(payload[event === 'issues' ? 'issue' : 'pull_request']);
      const kind = event === 'issues' ? 'issue' : 'pull request';
      return {
        reason: `GitHub ${kind} #${text(item.number)} ${action}: ${cut(text(item.title), 100)}`,
        variables: { 'event.kind': event === 'issues' ? 'issue' : 'pull_request', ...itemVariables(item) },
      };
    }
    case 'issue_comment': {
      const issue = object(payload.issue);
      const comment = object(payload.comment);
      return {
        reason: `GitHub comment on #${text(issue.number)}: ${cut(text(issue.title), 100)}`,
        variables: {
          'event.kind': 'issue_comment',
          ...itemVariables(issue),
          'event.body': cut(text(comment.body), maxBodyChars),
          'event.url': text(comment.html_url) || text(issue.html_url),
        },
      };
    }
    case 'push': {
      const commits = Array.isArray(payload.commits) ? payload.commits.map(object) : [];
      const head = object(payload.head_commit);
      const message = text(head.message);
      const ref = text(payload.ref);
      return {
        reason: `GitHub push to ${ref} (${commits.length} commit${commits.length === 1 ? '' : 's'})`,
        variables: {
          'event.kind': 'push',
          'event.ref': ref,
          'event.title': cut(message.split('\n')[0] ?? '', maxTitleChars),
          'event.body': cut(message, maxBodyChars),
          'event.url': text(payload.compare),
          'event.commits': commits
            .map((commit) => `${text(commit.id).slice(0, 7)} ${text(commit.message).split('\n')[0] ?? ''}`)
            .join('\n'),
          'event.sender': text(field(payload, 'sender', 'login')) || text(field(payload, 'pusher', 'name')),
        },
      };
    }
    default:
      return null;
  }
}

function itemVariables(item: Json): Record<string, string> {
  return {
    'event.title': cut(text(item.title), maxTitleChars),
    'event.body': cut(text(item.body), maxBodyChars),
    'event.url': text(item.html_url),
    'event.number': text(item.number),
  };
}

function parseBody(body: string, contentType: string | null): Json | null {
  let source = body;
  if (contentType?.includes('application/x-www-form-urlencoded'))
    source = new URLSearchParams(body).get('payload') ?? '';
  try {
    const parsed: unknown = JSON.parse(source);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : null;
  } catch {
    return null;
  }
}

function object(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

function field(payload: Json, outer: string, inner: string): unknown {
  return object(payload[outer])[inner];
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function cut(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max)}\n[cut: ${value.length - max} more characters]`;
}
