import type { Automation } from '../../shared/automation.js';
import type { EngineContext } from '../engine-context.js';
import { branchTip } from '../git/refs.js';
import { commitsBetween, type CommitFacts } from '../git/commit-range.js';
import type { AutomationStore } from './automation-store.js';
import type { FiredEvent } from './run-starter.js';

/** New commits looked at per move of the branch; a bigger jump (a long pull) is summed up in one run. */
const maxCommitsPerMove = 50;

/**
 * What a move of a commit (or verify-failed) trigger's branch fires: reads the tip, finds the commits that are new
 * since the tip it last saw, leaves out those Flotilla made by merging its own tasks (unless the automation wants
 * them), and gives one event for the new tip or one per commit. The first look only remembers the tip: commits from
 * before the automation existed never fire it.
 */
export async function commitEvents(
  context: EngineContext,
  store: AutomationStore,
  automation: Automation,
  ownMerges: ReadonlySet<string>,
): Promise<FiredEvent[]> {
  const { trigger } = automation;
  if (trigger.on !== 'commit' && trigger.on !== 'verifyFailed') return [];
  const per = trigger.on === 'commit' ? trigger.per : 'tip';
  const repoPath = context.config.repos.get(automation.repoId)?.repo.path;
  if (!repoPath) return [];
  const tip = await branchTip(repoPath, trigger.branch);
  const { lastTip } = store.memoryOf(automation.id);
  if (tip === null || tip === lastTip) return [];
  store.setMemory(automation.id, { lastTip: tip });
  if (lastTip === null) return [];
  // A rewritten branch (reset, force-pull) may have dropped the old tip: then only the new tip counts.
  const fresh = await commitsBetween(repoPath, lastTip, tip, maxCommitsPerMove).catch(() =>
    commitsBetween(repoPath, null, tip, 1),
  );
  const own = trigger.includeOwnMerges ? new Set<string>() : await ownCommits(repoPath, fresh, ownMerges);
  const commits = fresh.filter((commit) => !own.has(commit.sha));
  if (commits.length === 0) return [];
  const range = `${lastTip.slice(0, 7)}..${tip.slice(0, 7)}`;
  if (per === 'commit') return commits.map((commit) => eventFor(commit, [commit], trigger.branch, range, `new commit`));
  const newest = commits[commits.length - 1] as CommitFacts;
  const what = commits.length === 1 ? 'new commit' : `${commits.length} new commits, newest`;
  return [{ ...eventFor(newest, commits, trigger.branch, range, what), eventKey: `tip:${tip}` }];
}

/** The event of a commit: its {{commit.*}} variables, keyed by its sha. */
export function eventFor(
  commit: CommitFacts,
  all: CommitFacts[],
  branch: string,
  range: string,
  what: string,
): FiredEvent {
  const short = commit.sha.slice(0, 7);
  return {
    reason: `${what} ${short} on ${branch}: ${commit.subject}`,
    eventKey: `commit:${commit.sha}`,
    variables: {
      'commit.sha': commit.sha,
      'commit.short': short,
      'commit.subject': commit.subject,
      'commit.body': commit.body,
      'commit.author': commit.author,
      'commit.branch': branch,
      'commit.range': range,
      'commit.count': String(all.length),
      'commit.list': all.map((one) => `${one.sha.slice(0, 7)} ${one.subject}`).join('\n'),
    },
  };
}

/**
 * The commits among `fresh` that Flotilla's own merges made: the merge (or squash) commits its tasks recorded, and
 * what a merge commit brought in with it (the task's own commits).
 */
async function ownCommits(repoPath: string, fresh: CommitFacts[], merged: ReadonlySet<string>): Promise<Set<string>> {
  const own = new Set<string>();
  for (const commit of fresh) {
    if (!merged.has(commit.sha)) continue;
    own.add(commit.sha);
    const [first] = commit.parents;
    if (commit.parents.length > 1 && first)
      for (const brought of await commitsBetween(repoPath, first, commit.sha, 1_000)) own.add(brought.sha);
  }
  return own;
}
