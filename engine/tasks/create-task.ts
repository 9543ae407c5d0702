import { randomBytes } from 'node:crypto';
import type { AutomationLabel } from '../../shared/automation.js';
import { maxTasksPerPrompt } from '../../shared/limits.js';
import { newTask } from '../../shared/new-task.js';
import { rankingRule, type GroupOptions } from '../../shared/ranking.js';
import type { Task } from '../../shared/task.js';
import type { TeamRole } from '../../shared/team.js';
import { chooseJudgeModel } from '../groups/judge-model.js';
import type { CommandInput, EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { branchExists } from '../git/refs.js';
import { assertValidBranchName, resolveBase } from '../repos/branches.js';
import { assertFolder } from '../store/engine-config.js';
import { worktreePathFor } from './run-job.js';
import { newTaskId, repoFolderName, taskBranch, taskTitle } from './task-names.js';

/**
 * Starts one task per agent × attempt from one prompt, each on its own branch, and queues them; `automation` labels
 * tasks an automation started, `subtaskOf` makes the task a subtask of that team lead (engine/teams).
 */
export async function createTasks(
  context: EngineContext,
  params: CommandInput<'task/create'>,
  automation: AutomationLabel | null = null,
  subtaskOf: string | null = null,
): Promise<Task[]> {
  const { settings } = context.config;
  const entry = context.config.requireRepo(params.repoId);
  assertFolder(entry);
  const agentIds = [...new Set(params.agents ?? [params.agent ?? settings.defaultAgent])];
  for (const agentId of agentIds) await requireRunnableAgent(context, agentId);
  const base = await resolveBase(entry.repo.path, params.base ?? 'HEAD');
  const baseRef = params.base ?? base.branch;
  if (!baseRef)
    throw new EngineError('baseNotFound', `${entry.repo.path} has a detached HEAD. Give a base branch, tag or commit.`);
  const attempts = params.attempts ?? 1;
  const runs = agentIds.flatMap((agentId) => Array.from({ length: attempts }, () => agentId));
  if (runs.length > maxTasksPerPrompt)
    throw new EngineError(
      'invalidInput',
      `That is ${runs.length} tasks at once (agents × attempts); start at most ${maxTasksPerPrompt} from one prompt.`,
    );
  if (params.branch && runs.length > 1)
    throw new EngineError(
      'invalidInput',
      'A custom branch name works for one task only; leave it out to get one branch per attempt.',
    );
  if (params.team && runs.length > 1)
    throw new EngineError(
      'invalidInput',
      'A team has one lead: --team works with one agent and one attempt. Leave out --attempts or the extra agents.',
    );
  const leadAgent = params.team ? context.agents.get(runs[0] ?? '') : undefined;
  if (params.team && leadAgent && leadAgent.teamAccess === undefined)
    throw new EngineError(
      'invalidInput',
      `${leadAgent.name} cannot lead a team: it takes no team tools. Run the lead with --agent builtin, claude-code, codex or an ACP agent.`,
    );
  const team: TeamRole | null =
    subtaskOf !== null ? { role: 'subtask', leadId: subtaskOf } : params.team ? { role: 'lead' } : null;
  const groupOptions = groupOptionsFor(context, params, runs.length);
  const groupId = runs.length > 1 ? randomBytes(4).toString('hex') : null;
  const costBudgetUsd = params.costBudgetUsd === undefined ? settings.defaultCostBudgetUsd : params.costBudgetUsd;
  const tasks: Task[] = [];
  for (const agentId of runs) {
    const id = newTaskId();
    const custom = params.branch?.trim();
    // Generated names are valid and unique by construction; `worktree add -b` still refuses a clash.
    const branch = custom || taskBranch(params.prompt, id);
    if (custom) {
      await assertValidBranchName(entry.repo.path, custom);
      if (await branchExists(entry.repo.path, custom)) {
        throw new EngineError(
          'branchExists',
          `The branch ${custom} already exists in ${entry.repo.name}. Choose another branch name, or delete that branch first.`,
        );
      }
    }
    const task = newTask({
      id,
      repoId: entry.repo.id,
      title: taskTitle(params.prompt),
      prompt: params.prompt,
      agent: agentId,
      model: params.model ?? (agentId === 'builtin' ? settings.defaultModel : null),
      baseRef,
      baseBranch: base.branch,
      baseCommit: base.commit,
      branch,
      worktreePath: worktreePathFor(context.worktreesRoot, repoFolderName(entry.repo.name, entry.repo.id), id),
      createdAt: new Date().toISOString(),
      groupId,
      approvalMode: params.approvalMode ?? settings.defaultApprovalMode,
      allowNetwork: params.allowNetwork ?? false,
      maxModelCalls: params.maxModelCalls ?? 50,
      tokenBudget: params.tokenBudget ?? null,
      // A group's budget is the whole group's: each attempt gets an even share of it.
      costBudgetUsd: groupOptions && costBudgetUsd !== null ? costBudgetUsd / runs.length : costBudgetUsd,
      ...(groupOptions ? { groupRole: 'attempt' as const, groupOptions } : {}),
      verifyCommand: params.verifyCommand ?? null,
      verifyRetries: params.verifyRetries ?? null,
      automation,
      team,
    });
    const record = context.store.add(task);
    context.store.record(id, { type: 'task.created', task });
    const { seq } = context.store.record(id, { type: 'user.message', text: params.prompt });
    context.runner.enqueue(id, { seq, text: params.prompt });
    tasks.push(record.task);
  }
  return tasks;
}

/**
 * What a group of `count` tasks was asked to do (null for a single task). `--judge` and `--synthesize` need several
 * tasks, and a judge model when asked for explicitly; both are refused before anything is created.
 */
function groupOptionsFor(
  context: EngineContext,
  params: CommandInput<'task/create'>,
  count: number,
): GroupOptions | null {
  const judge = params.judge === true || params.synthesize === true;
  if (count <= 1) {
    if (judge)
      throw new EngineError(
        'invalidInput',
        `--${params.synthesize ? 'synthesize' : 'judge'} compares several attempts, and this is one task. Use --attempts N (2 or more) or several agents, or leave it out.`,
      );
    return null;
  }
  if (judge) {
    const choice = chooseJudgeModel(context);
    if (choice.kind === 'none')
      throw new EngineError(
        'judgeUnavailable',
        `${choice.reason} Or leave out --judge: the attempts are then ranked by the rule (${rankingRule}).`,
      );
  }
  const settings = context.config.settings;
  const budget = params.costBudgetUsd === undefined ? settings.defaultCostBudgetUsd : params.costBudgetUsd;
  return { judge, synthesize: params.synthesize === true, costBudgetUsd: budget };
}

/**
 * Refuses, before any worktree exists, an agent that is unknown or cannot run: a task that can only fail helps nobody.
 */
async function requireRunnableAgent(context: EngineContext, agentId: string): Promise<void> {
  const agent = context.agents.get(agentId);
  if (!agent)
    throw new EngineError(
      'invalidInput',
      `Unknown agent "${agentId}". Available: ${[...context.agents.keys()].join(', ')}.`,
    );
  const availability = await agent.detect();
  if (!availability.available) {
    throw new EngineError(
      'agentUnavailable',
      `${agent.name} cannot run yet: ${availability.detail} Or choose another agent (flotilla run --agent <id>; see agent/list).`,
    );
  }
}
