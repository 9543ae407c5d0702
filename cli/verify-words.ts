import type { Repo } from '../shared/repo.js';
import { groupRanking } from '../shared/group-ranking.js';
import type { Task } from '../shared/task.js';
import { isActive } from '../shared/task-state.js';
import { describeVerify, verifyState, verifyStateLabel } from '../shared/verify-state.js';
import { verifyPlanFor } from '../engine/verify/verify-settings.js';

/** How many retries a task's failed checks get: its own setting, else its repository's. */
function retriesOf(task: Task, repo: Repo | undefined): number {
  return verifyPlanFor(task, repo?.settings).retries;
}

/**
 * A task's checks for the VERIFY column: verifying, "retry 1 of 2" while the agent works on a failure, verified,
 * failed verification, stale (the checks ran on an older commit), or - before any.
 */
export function verifyColumn(task: Task, repo: Repo | undefined): string {
  const state = verifyState(task);
  if (state === 'running') return 'verifying';
  if (task.verifyRetry > 0 && isActive(task.status)) return `retry ${task.verifyRetry} of ${retriesOf(task, repo)}`;
  if (state === 'none') return '-';
  if (state === 'stale') return 'stale';
  return verifyStateLabel(task).toLowerCase();
}

/** The Verify line of `flotilla show`: the last result, whether it is for the current tip, or how to get one. */
export function verifyLine(task: Task, repo: Repo | undefined): string {
  const plan = verifyPlanFor(task, repo?.settings);
  const last = task.lastVerify;
  const state = verifyState(task);
  if (state === 'running') return `running \`${plan.command ?? last?.command ?? ''}\``;
  if (!last) {
    if (plan.command === null)
      return task.verifyCommand === ''
        ? 'none (this task was started with no verify command)'
        : `none set; \`flotilla repo set ${task.repoId} --verify "<command>"\` sets one`;
    return `\`${plan.command}\` has not run yet; \`flotilla verify ${task.id}\` runs it`;
  }
  const on = last.commit ? ` on ${last.commit.slice(0, 10)}` : '';
  const result = `${describeVerify(last)}${on}`;
  if (state === 'stale')
    return `stale: ${result}, and the task has changed since; \`flotilla verify ${task.id}\` runs it again`;
  return `${verifyStateLabel(task).toLowerCase()}: ${result}`;
}

/** The Group line of `flotilla show`: which attempt this is, its rank and by whom, and where to compare. */
export function groupLine(task: Task, members: readonly Task[]): string | null {
  if (task.groupId === null) return null;
  const attempts = members.filter((member) => member.groupRole !== 'synthesis');
  const role =
    task.groupRole === 'synthesis'
      ? 'the synthesis'
      : `attempt ${attempts.findIndex((member) => member.id === task.id) + 1} of ${attempts.length}`;
  const ranking = groupRanking(members);
  let rank = 'not ranked yet';
  if (ranking?.state === 'judging') rank = 'being ranked';
  if (ranking?.state === 'ranked') {
    const entry = ranking.entries.find((candidate) => candidate.taskId === task.id);
    const by = ranking.by === 'judge' ? 'by the judge' : 'by the rule';
    rank = entry ? `ranked ${entry.rank} of ${ranking.entries.length} ${by}` : `not ranked (${by})`;
  }
  return `${task.groupId}: ${role}, ${rank}; \`flotilla compare ${task.id}\` compares them`;
}
