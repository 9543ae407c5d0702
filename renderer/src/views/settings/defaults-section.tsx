import { useState, type FormEvent } from 'react';
import { maxConcurrency } from '../../../../shared/limits.js';
import type { EngineSettings } from '../../../../shared/repo.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import type { ThemeChoice } from '../../store/ui-slice.js';
import { ApprovalSelect } from '../../components/approval-select.js';
import { BudgetInput, readBudgetField } from '../../components/budget-field.js';
import { ModelField } from '../composer/model-field.js';
import { AgentRow } from './agent-row.js';
import { JudgeModelField } from './judge-model-field.js';
import { useAction } from './use-action.js';

/**
 * Engine-wide defaults (agent, model, judge model, concurrency, approval mode, budget, worktree clean-up), the agents
 * on this machine, and the theme.
 */
export function DefaultsSection() {
  const settings = useStore((state) => state.engineSettings);
  if (!settings) return null;
  // Re-mount the form when the engine's settings change underneath it.
  return <DefaultsForm key={JSON.stringify(settings)} settings={settings} />;
}

function DefaultsForm({ settings }: { settings: EngineSettings }) {
  const agents = useStore((state) => state.agents);
  const update = useStore((state) => state.updateEngineSettings);
  const theme = useStore((state) => state.theme);
  const setTheme = useStore((state) => state.setTheme);
  const [draft, setDraft] = useState(settings);
  const [budgetText, setBudgetText] = useState(
    settings.defaultCostBudgetUsd === null ? '' : String(settings.defaultCostBudgetUsd),
  );
  const budget = readBudgetField(budgetText, false);
  const changed = { ...draft, defaultCostBudgetUsd: budget === 'invalid' ? draft.defaultCostBudgetUsd : budget };
  const action = useAction();
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (budget === 'invalid')
      return setInvalid(
        'Give the default budget as a dollar amount above 0, such as 5 or 2.50, or leave it empty for no limit.',
      );
    setInvalid(null);
    void action.run(() => update(changed));
  };
  return (
    <section className="settings-section" aria-labelledby="defaults-title">
      <h2 id="defaults-title">Defaults</h2>
      <form className="card form-grid" onSubmit={save}>
        <label className="field">
          <span className="field-label">Default agent</span>
          <select
            className="input"
            aria-label="Default agent"
            data-testid="settings-default-agent"
            value={draft.defaultAgent}
            onChange={(event) => setDraft({ ...draft, defaultAgent: event.target.value })}
          >
            {!agents.some((agent) => agent.id === draft.defaultAgent) && (
              <option value={draft.defaultAgent}>{draft.defaultAgent}</option>
            )}
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
                {agent.available ? '' : ' (not available)'}
              </option>
            ))}
          </select>
        </label>
        <ModelField
          agentId="builtin"
          label="Default model"
          testId="settings-default-model"
          placeholder="provider:model"
          value={draft.defaultModel}
          onChange={(defaultModel) => setDraft({ ...draft, defaultModel })}
        />
        <JudgeModelField value={draft.judgeModel} onChange={(judgeModel) => setDraft({ ...draft, judgeModel })} />
        <label className="field">
          <span className="field-label">Tasks at once</span>
          <input
            className="input"
            type="number"
            min={1}
            max={maxConcurrency}
            aria-label="Concurrency"
            data-testid="settings-concurrency"
            value={draft.concurrency}
            onChange={(event) =>
              setDraft({
                ...draft,
                concurrency: Math.min(maxConcurrency, Math.max(1, Math.round(Number(event.target.value) || 1))),
              })
            }
          />
        </label>
        <ApprovalSelect
          label="Default approval mode"
          testId="settings-default-approval"
          value={draft.defaultApprovalMode}
          onChange={(defaultApprovalMode) => setDraft({ ...draft, defaultApprovalMode })}
        />
        <BudgetInput
          label="Default cost budget per task in dollars"
          testId="settings-default-budget"
          title="New tasks stop once they have cost this much, unless the composer says otherwise."
          value={budgetText}
          onChange={setBudgetText}
        />
        <label className="field checkbox">
          <input
            type="checkbox"
            aria-label="Remove a task's worktree once it is merged"
            data-testid="settings-remove-worktree"
            checked={draft.removeWorktreeAfterMerge}
            onChange={(event) => setDraft({ ...draft, removeWorktreeAfterMerge: event.target.checked })}
          />
          <span title="Frees the disk space a checkout takes. The branch keeps every commit, and a message to the task brings the worktree back.">
            Remove a task&apos;s worktree once it is merged
          </span>
        </label>
        <div className="row form-actions">
          <button
            type="submit"
            className="button primary"
            data-testid="settings-save"
            disabled={action.busy || (budget !== 'invalid' && JSON.stringify(changed) === JSON.stringify(settings))}
          >
            Save defaults
          </button>
          {action.done && <span className="hint ok">{action.done}</span>}
        </div>
        <ErrorText error={invalid ?? action.error} testId="settings-defaults-error" />
      </form>
      <div className="card">
        <h3>Agents on this machine</h3>
        <ul className="agent-list" data-testid="agent-list">
          {agents.map((agent) => (
            <AgentRow key={agent.id} agent={agent} />
          ))}
        </ul>
      </div>
      <div className="card theme-card">
        <label className="field">
          <span className="field-label">Theme</span>
          <select
            className="input"
            aria-label="Theme"
            data-testid="settings-theme"
            value={theme}
            onChange={(event) => setTheme(event.target.value as ThemeChoice)}
          >
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </div>
    </section>
  );
}
