import { totalTokens } from '../shared/budget.js';
import { formatUsd } from '../shared/format-money.js';
import type { Group } from '../shared/group.js';
import { rankingRule } from '../shared/group-ranking.js';
import type { JudgedAttempt, Ranking } from '../shared/ranking.js';
import type { Repo } from '../shared/repo.js';
import type { Task } from '../shared/task.js';
import { isActive, workingMs } from '../shared/task-state.js';
import { expectPositionals, parseCommandArgs } from './args.js';
import { help, println, type CliIo } from './cli-io.js';
import { formatDuration } from './format-event.js';
import { formatTable } from './format-table.js';
import { resolveTask, withEngine } from './session.js';
import { usages } from './usage.js';
import { verifyColumn } from './verify-words.js';

/** `flotilla compare <task>`: the attempts of the task's group side by side, how they were ranked and what it cost. */
export async function compareCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, {}, usages.compare);
  if (parsed.values.help) return help(io, usages.compare);
  const [reference] = expectPositionals(parsed, ['task'], usages.compare);
  const { group, tasks, repo } = await withEngine(io, async (api) => {
    const task = await resolveTask(api, reference!);
    const { group } = await api.call('group/get', { taskId: task.id });
    const { tasks } = await api.call('task/list', { repoId: group.repoId });
    const { repos } = await api.call('repo/list', {});
    return { group, tasks, repo: repos.find((candidate) => candidate.id === group.repoId) };
  });
  const members = group.tasks
    .map((id) => tasks.find((task) => task.id === id))
    .filter((task): task is Task => task !== undefined);
  println(io, `Group ${group.id}: ${members.length} tasks on “${members[0]?.title ?? group.prompt}”`);
  println(io);
  println(io, compareTable(group, members, repo));
  const ranking = group.ranking;
  if (ranking?.state === 'ranked') {
    println(io);
    for (const line of reasonLines(ranking, members)) println(io, line);
  }
  println(io);
  for (const line of summaryLines(group, members)) println(io, line);
  return 0;
}

/** Attempts in ranked order (unranked ones after, oldest first). */
function rankedOrder(group: Group, members: readonly Task[]): Array<{ task: Task; entry: JudgedAttempt | null }> {
  const entries = group.ranking?.state === 'ranked' ? group.ranking.entries : [];
  const ranked = entries.flatMap((entry) => {
    const task = members.find((member) => member.id === entry.taskId);
    return task ? [{ task, entry }] : [];
  });
  const rest = members.filter((task) => !entries.some((entry) => entry.taskId === task.id));
  return [...ranked, ...rest.map((task) => ({ task, entry: null }))];
}

function compareTable(group: Group, members: readonly Task[], repo: Repo | undefined): string {
  const byJudge = group.ranking?.by === 'judge';
  const now = Date.now();
  const rows = rankedOrder(group, members).map(({ task, entry }) => [
    entry ? String(entry.rank) : '-',
    task.groupRole === 'synthesis' ? `${task.id} (synthesis)` : task.id,
    task.model ? `${task.agent}/${task.model}` : task.agent,
    verifyColumn(task, repo),
    task.changes ? `+${task.changes.additions} -${task.changes.deletions}` : '-',
    totalTokens(task.usage).toLocaleString('en-US'),
    formatUsd(task.usage.costUsd),
    task.turns === 0 ? '-' : formatDuration(workingMs(task, now)),
    entry ? (byJudge ? entry.verdict : `(rule) score ${entry.score}`) : isActive(task.status) ? task.status : '-',
  ]);
  return formatTable(['RANK', 'TASK', 'AGENT/MODEL', 'VERIFY', 'LINES', 'TOKENS', 'COST', 'TIME', 'VERDICT'], rows);
}

/** The judge's (or the rule's) strengths and risks of each attempt, best first. */
function reasonLines(ranking: Ranking, members: readonly Task[]): string[] {
  const lines: string[] = [];
  for (const entry of ranking.entries) {
    if (!members.some((task) => task.id === entry.taskId)) continue;
    lines.push(
      `${entry.rank}. ${entry.taskId} (score ${entry.score})${ranking.by === 'judge' ? `: ${entry.verdict}` : ''}`,
    );
    lines.push(`   strengths: ${entry.strengths.length > 0 ? entry.strengths.join('; ') : 'none named'}`);
    lines.push(`   risks: ${entry.risks.length > 0 ? entry.risks.join('; ') : 'none named'}`);
  }
  return lines;
}

/** Who ranked the attempts and why, the judge's own usage, and what the group spent against the winner. */
function summaryLines(group: Group, members: readonly Task[]): string[] {
  const lines: string[] = [];
  const ranking = group.ranking;
  const working = members.filter((task) => isActive(task.status) || task.verifying).length;
  if (ranking === null)
    lines.push(
      working > 0
        ? `Not ranked yet: ${working} of ${members.length} still working. They are ranked once every one has finished and been checked, by the engine that stays up (the app or \`flotilla serve\`).`
        : 'Not ranked yet: the engine that stays up (the app or `flotilla serve`) ranks the group once it runs.',
    );
  else if (ranking.state === 'judging')
    lines.push(
      `Being ranked now${ranking.model ? ` by the judge model ${ranking.model}` : ''}; compare again shortly.`,
    );
  else if (ranking.by === 'judge')
    lines.push(`Ranked by the judge model ${ranking.model ?? ''}${ranking.note ? ` (${ranking.note})` : ''}.`);
  // The engine's note says why no judge ranked them and names the rule.
  else
    lines.push(
      `Ranked by the stated rule, not a judge: ${ranking.note ?? `no judge was asked. The rule: ${rankingRule}.`}`,
    );
  if (ranking && (group.spent.judgeTokens > 0 || group.spent.judgeUsd > 0))
    lines.push(
      `The judge used ${group.spent.judgeTokens.toLocaleString('en-US')} tokens and cost ${formatUsd(group.spent.judgeUsd)} (apart from the attempts).`,
    );
  if (group.stoppedBy) lines.push(group.stoppedBy);
  const winner =
    group.spent.winnerUsd === null || group.winnerId === null
      ? ''
      : `; the winner (${group.winnerId}) alone cost ${formatUsd(group.spent.winnerUsd)}`;
  lines.push(`Group spent ${formatUsd(group.spent.totalUsd)} (attempts + judge + synthesis)${winner}.`);
  if (group.winnerId) lines.push(`\`flotilla pick ${group.winnerId}\` merges the winner and archives the others.`);
  return lines;
}
