import { groupRanking } from '../../shared/group.js';
import { newTask } from '../../shared/new-task.js';
import type { Task } from '../../shared/task.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { worktreePathFor } from '../tasks/run-job.js';
import { newTaskId, repoFolderName, taskBranch, taskTitle } from '../tasks/task-names.js';
import { collectAttemptFacts } from './attempt-facts.js';
import { budgetLeft, budgetReached } from './group-budget.js';
import { groupMembers, rankedMembers } from './group-view.js';
import { synthesisPrompt } from './synthesis-prompt.js';

/**
 * Starts the group's synthesis task: from the attempts' base, on the winner's agent and model, with a prompt holding
 * the task, the ranked attempts' diffs and the judge's notes. It joins the group (role 'synthesis') and gets what is
 * left of the group's budget. Refused when the group is not ranked, already has one, or its budget is spent.
 */
export async function startSynthesis(context: EngineContext, groupId: string): Promise<Task> {
  const members = groupMembers(context, groupId);
  const existing = members.find((record) => record.task.groupRole === 'synthesis');
  if (existing)
    throw new EngineError(
      'invalidInput',
      `This group already has a synthesis task (${existing.task.id}); follow it up with a message instead.`,
    );
  const ranking = groupRanking(members.map((record) => record.task));
  if (ranking?.state !== 'ranked')
    throw new EngineError(
      'invalidInput',
      'The group is not ranked yet: wait until every attempt has finished and been checked, or rank it now with group/judge.',
    );
  const stopped = budgetReached(members);
  if (stopped) throw new EngineError('budgetReached', stopped);
  const attempts = rankedMembers(members).map((record) => record.task);
  const winner = attempts.find((task) => task.id === ranking.entries[0]?.taskId) ?? attempts[0];
  if (!winner) throw new EngineError('invalidInput', 'Every attempt of this group was discarded: nothing to combine.');
  const entry = context.config.requireRepo(winner.repoId);
  const facts = await collectAttemptFacts(context, attempts);
  const prompt = synthesisPrompt(winner.prompt, ranking, facts, Date.now());
  const id = newTaskId();
  const left = budgetLeft(members);
  const task = newTask({
    id,
    repoId: winner.repoId,
    title: `Synthesis: ${taskTitle(winner.prompt)}`,
    prompt,
    agent: winner.agent,
    model: winner.model,
    baseRef: winner.baseRef,
    baseBranch: winner.baseBranch,
    baseCommit: winner.baseCommit,
    branch: taskBranch(`synthesis ${winner.prompt}`, id),
    worktreePath: worktreePathFor(context.worktreesRoot, repoFolderName(entry.repo.name, entry.repo.id), id),
    createdAt: new Date().toISOString(),
    groupId,
    groupRole: 'synthesis',
    groupOptions: winner.groupOptions,
    approvalMode: winner.approvalMode,
    allowNetwork: winner.allowNetwork,
    maxModelCalls: winner.maxModelCalls,
    tokenBudget: winner.tokenBudget,
    costBudgetUsd: left === null ? winner.costBudgetUsd : left,
    verifyCommand: winner.verifyCommand,
    verifyRetries: winner.verifyRetries,
  });
  const record = context.store.add(task);
  context.store.record(id, { type: 'task.created', task });
  const { seq } = context.store.record(id, { type: 'user.message', text: prompt });
  context.runner.enqueue(id, { seq, text: prompt });
  return record.task;
}
