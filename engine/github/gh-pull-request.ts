import { z } from 'zod';
import type { PullRequest, PullRequestCheck } from '../../shared/pull-request.js';
import { EngineError } from '../errors.js';
import { GhError, runGhCall } from './gh.js';
import type { GithubRepository } from './gh-readiness.js';

/** The fields `gh pr view --json` is asked for. */
const viewFields = 'url,state,number,isDraft,statusCheckRollup';

// gh's JSON, read leniently: a field gh leaves out (older versions) reads as its empty value.
const rollupItemSchema = z.object({
  __typename: z.string().optional(),
  name: z.string().optional(),
  context: z.string().optional(),
  status: z.string().optional(),
  conclusion: z.string().nullable().optional(),
  state: z.string().optional(),
});
const viewSchema = z.object({
  url: z.string(),
  number: z.number().int().positive(),
  state: z.string(),
  isDraft: z.boolean().optional(),
  statusCheckRollup: z.array(rollupItemSchema).nullable().optional(),
});

/** What opening a pull request came to: the one opened, or the one already open for the branch. */
export interface OpenedPullRequest {
  pullRequest: PullRequest;
  created: boolean;
}

/** What `gh pr create` is given. */
export interface PullRequestDraft {
  head: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
}

/** Reads `gh pr view --json` output into a pull request; a shape gh would not print is an internal error. */
export function parsePullRequest(json: string): PullRequest {
  let parsed: z.infer<typeof viewSchema>;
  try {
    parsed = viewSchema.parse(JSON.parse(json));
  } catch (error) {
    throw new EngineError('internal', `gh pr view printed something Flotilla cannot read: ${String(error)}`);
  }
  const state = parsed.state.toUpperCase();
  return {
    number: parsed.number,
    url: parsed.url,
    state: state === 'MERGED' ? 'merged' : state === 'CLOSED' ? 'closed' : 'open',
    draft: parsed.isDraft ?? false,
    checks: (parsed.statusCheckRollup ?? []).map(checkOf),
  };
}

/** One entry of gh's status-check rollup: a check run (status, conclusion) or a commit status (state). */
function checkOf(item: z.infer<typeof rollupItemSchema>): PullRequestCheck {
  const name = item.name ?? item.context ?? 'check';
  if (item.__typename === 'StatusContext' || (item.state !== undefined && item.status === undefined)) {
    const state = (item.state ?? '').toUpperCase();
    return {
      name,
      state: state === 'SUCCESS' ? 'passed' : ['FAILURE', 'ERROR'].includes(state) ? 'failed' : 'pending',
    };
  }
  if ((item.status ?? '').toUpperCase() !== 'COMPLETED') return { name, state: 'pending' };
  const conclusion = (item.conclusion ?? '').toUpperCase();
  if (conclusion === 'SUCCESS') return { name, state: 'passed' };
  if (conclusion === 'NEUTRAL' || conclusion === 'SKIPPED') return { name, state: 'skipped' };
  return { name, state: 'failed' };
}

/** Asks gh for one pull request (by number, URL or head branch) of the repository. */
export async function viewPullRequest(
  repoPath: string,
  repository: GithubRepository,
  selector: string,
): Promise<PullRequest> {
  const out = await runGhCall({
    name: 'pr.view',
    args: ['pr', 'view', selector, '--repo', repository.slug, '--json', viewFields],
    cwd: repoPath,
  });
  return parsePullRequest(out);
}

/**
 * Opens the pull request with `gh pr create`; when gh says one is already open for the branch, that one is returned
 * (`created: false`) rather than failing.
 */
export async function openPullRequest(
  repoPath: string,
  repository: GithubRepository,
  draft: PullRequestDraft,
): Promise<OpenedPullRequest> {
  const args = ['pr', 'create', '--repo', repository.slug, '--head', draft.head, '--base', draft.base];
  args.push('--title', draft.title, '--body', draft.body);
  if (draft.draft) args.push('--draft');
  let out: string;
  try {
    out = await runGhCall({ name: 'pr.create', args, cwd: repoPath, timeoutMs: 120_000 });
  } catch (error) {
    if (!(error instanceof GhError) || error.kind !== 'failed' || !/already exists/i.test(error.stderr)) {
      throw explainCreateFailure(error, repository, draft);
    }
    const existing = pullRequestUrlIn(error.stderr) ?? draft.head;
    return { pullRequest: await viewPullRequest(repoPath, repository, existing), created: false };
  }
  const url = pullRequestUrlIn(out);
  if (url === null) {
    throw new EngineError('internal', `gh pr create printed no pull request address: ${out.trim() || '(nothing)'}`);
  }
  return { pullRequest: await viewPullRequest(repoPath, repository, url), created: true };
}

/** The last pull-request address in gh's output, or null. */
function pullRequestUrlIn(text: string): string | null {
  const found = text.match(/https?:\/\/\S+\/pull\/\d+/g);
  return found?.[found.length - 1] ?? null;
}

function explainCreateFailure(error: unknown, repository: GithubRepository, draft: PullRequestDraft): unknown {
  if (!(error instanceof GhError)) return error;
  const said = error.stderr.trim() || error.message;
  return new EngineError(
    'pullRequestFailed',
    `The branch ${draft.head} was pushed, but gh could not open its pull request into ${draft.base} on ${repository.slug}: ${said}. Fix that, then try again (the push is kept).`,
    { stderr: error.stderr },
  );
}
