import { useEffect } from 'react';
import { maxTasksPerPrompt } from '../../../../shared/limits.js';
import type { ApprovalMode } from '../../../../shared/task.js';
import { ApprovalSelect } from '../../components/approval-select.js';
import { BudgetInput } from '../../components/budget-field.js';
import { useStore } from '../../store/store.js';
import { AgentField, type AgentOrigin } from './agent-field.js';
import { BasePicker } from './base-picker.js';
import { ComposerChecks, type CheckChoices } from './composer-checks.js';
import { ModelField } from './model-field.js';
import { TeamField } from './team-field.js';

/** What the composer's pickers hold. An empty base, agent or model means the engine's default. */
export interface ComposerChoices extends CheckChoices {
  repoId: string;
  base: string;
  agent: string;
  model: string;
  approvalMode: ApprovalMode;
  allowNetwork: boolean;
  attempts: number;
  /** Other agents to run the same prompt side by side with `agent`, to compare. */
  alsoAgents: string[];
  /** The cost budget in dollars as typed; empty for none. */
  budgetUsd: string;
}

/** How many tasks the choices start: each attempt once per agent. */
export function composerTaskCount(choices: Pick<ComposerChoices, 'attempts' | 'agent' | 'alsoAgents'>): number {
  return choices.attempts * (1 + choices.alsoAgents.filter((id) => id !== choices.agent).length);
}

/**
 * The composer's pickers: repository, base branch, agent, model, approval mode, attempts, budget, network, and the
 * checks (with judging for several attempts).
 */
export function ComposerOptions({
  choices,
  agentOrigin,
  onChange,
}: {
  choices: ComposerChoices;
  agentOrigin: AgentOrigin;
  onChange(change: Partial<ComposerChoices>): void;
}) {
  const repos = useStore((state) => state.repos);
  const loadBranches = useStore((state) => state.loadBranches);
  const agents = useStore((state) => state.agents);

  useEffect(() => {
    if (choices.repoId) void loadBranches(choices.repoId).catch(() => undefined);
  }, [choices.repoId, loadBranches]);

  const unavailable = agents.find((agent) => agent.id === choices.agent && !agent.available);
  const taskCount = composerTaskCount(choices);
  const several = taskCount > 1;
  return (
    <div className="composer-options">
      <label className="field">
        <span className="field-label">Repository</span>
        <select
          className="input"
          aria-label="Repository"
          data-testid="composer-repo"
          value={choices.repoId}
          onChange={(event) => onChange({ repoId: event.target.value, base: '' })}
        >
          {repos.map((repo) => (
            <option key={repo.id} value={repo.id}>
              {repo.name}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <span className="field-label">Base branch</span>
        <BasePicker repoId={choices.repoId} value={choices.base} onChange={(base) => onChange({ base })} />
      </div>
      <AgentField agent={choices.agent} origin={agentOrigin} onChange={(agent) => onChange({ agent })} />
      <CompareWith choices={choices} onChange={onChange} />
      {unavailable && (
        <p className="hint warn composer-agent-note" data-testid="composer-agent-note">
          {unavailable.name} cannot run yet: {unavailable.detail}
        </p>
      )}
      <ModelField agentId={choices.agent} value={choices.model} onChange={(model) => onChange({ model })} />
      <ApprovalSelect
        label="Approval mode"
        testId="composer-approval"
        value={choices.approvalMode}
        onChange={(approvalMode) => onChange({ approvalMode })}
      />
      <label className="field">
        <span className="field-label">Attempts</span>
        <input
          className="input"
          type="number"
          min={1}
          max={maxTasksPerPrompt}
          aria-label="Number of attempts"
          data-testid="composer-attempts"
          value={choices.attempts}
          onChange={(event) =>
            onChange({
              attempts: Math.min(maxTasksPerPrompt, Math.max(1, Math.round(Number(event.target.value) || 1))),
            })
          }
        />
      </label>
      <BudgetInput
        label={several ? 'Cost budget for all the attempts in dollars' : 'Cost budget per task in dollars'}
        caption={several ? `Budget for all ${taskCount} (US$)` : undefined}
        testId="composer-budget"
        title={
          several
            ? 'Split evenly across the attempts; the whole group stops once it has cost this much (judge and synthesis included).'
            : 'The agent is stopped once the task has cost this much; you can raise it later.'
        }
        value={choices.budgetUsd}
        onChange={(budgetUsd) => onChange({ budgetUsd })}
      />
      <TeamField
        agent={choices.agent}
        taskCount={composerTaskCount(choices)}
        checked={choices.team}
        onChange={(team) => onChange({ team })}
      />
      <label className="field checkbox">
        <input
          type="checkbox"
          aria-label="Allow network access"
          data-testid="composer-network"
          checked={choices.allowNetwork}
          onChange={(event) => onChange({ allowNetwork: event.target.checked })}
        />
        <span>Allow network access</span>
      </label>
      <ComposerChecks repoId={choices.repoId} taskCount={taskCount} choices={choices} onChange={onChange} />
    </div>
  );
}

/** Checkboxes for other agents that can run, to start the same prompt with each of them too. */
function CompareWith({
  choices,
  onChange,
}: {
  choices: ComposerChoices;
  onChange(change: Partial<ComposerChoices>): void;
}) {
  const agents = useStore((state) => state.agents);
  const others = agents.filter((agent) => agent.available && agent.id !== choices.agent);
  if (others.length === 0) return null;
  const toggle = (id: string, on: boolean) =>
    onChange({ alsoAgents: on ? [...choices.alsoAgents, id] : choices.alsoAgents.filter((other) => other !== id) });
  return (
    <fieldset className="field compare-with" data-testid="composer-compare">
      <legend className="field-label">Also run with (to compare)</legend>
      {others.map((agent) => (
        <label key={agent.id} className="checkbox">
          <input
            type="checkbox"
            aria-label={`Also run with ${agent.name}`}
            checked={choices.alsoAgents.includes(agent.id)}
            onChange={(event) => toggle(agent.id, event.target.checked)}
          />
          <span>{agent.name}</span>
        </label>
      ))}
    </fieldset>
  );
}
