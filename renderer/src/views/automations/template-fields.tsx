import { maxTasksPerPrompt } from '../../../../shared/limits.js';
import { maxVerifyRetries } from '../../../../shared/verify.js';
import { BudgetInput } from '../../components/budget-field.js';
import { useStore } from '../../store/store.js';
import { ModelField } from '../composer/model-field.js';
import type { AutomationDraft, VerifyChoice } from './automation-draft.js';

type Change = (change: Partial<AutomationDraft>) => void;

/** The task a run starts: agent, model, attempts, base, budget and checks. */
export function TemplateFields({ draft, onChange }: { draft: AutomationDraft; onChange: Change }) {
  const agents = useStore((state) => state.agents);
  const defaultAgent = useStore((state) => state.engineSettings?.defaultAgent ?? '');
  const agent = draft.agents?.[0] ?? '';
  const several = (draft.agents?.length ?? 0) > 1;
  return (
    <>
      <label className="field">
        <span className="field-label">Agent</span>
        <select
          className="input"
          aria-label="Agent"
          data-testid="automation-agent"
          value={several ? '*' : agent}
          onChange={(event) => onChange({ agents: event.target.value ? [event.target.value] : null })}
        >
          <option value="">Default agent{defaultAgent ? ` (${defaultAgent})` : ''}</option>
          {several && <option value="*">{draft.agents?.join(', ')}</option>}
          {agents.map((known) => (
            <option key={known.id} value={known.id} title={known.detail}>
              {known.name}
              {known.available ? '' : ' (not available)'}
            </option>
          ))}
        </select>
      </label>
      <ModelField
        agentId={agent || defaultAgent}
        value={draft.model}
        onChange={(model) => onChange({ model })}
        testId="automation-model"
      />
      <label className="field">
        <span className="field-label">Attempts</span>
        <input
          className="input"
          type="number"
          min={1}
          max={maxTasksPerPrompt}
          aria-label="Attempts per run"
          data-testid="automation-attempts"
          value={draft.attempts}
          onChange={(event) =>
            onChange({
              attempts: Math.min(maxTasksPerPrompt, Math.max(1, Math.round(Number(event.target.value) || 1))),
            })
          }
        />
      </label>
      <label className="field">
        <span className="field-label">Base branch</span>
        <input
          className="input mono"
          aria-label="Base of the run's tasks"
          data-testid="automation-base"
          placeholder="the trigger’s or current branch"
          title="Empty: the branch the trigger watches, or the repository's current branch"
          spellCheck={false}
          value={draft.base}
          onChange={(event) => onChange({ base: event.target.value })}
        />
      </label>
      <BudgetInput
        label="Cost budget per task in dollars"
        testId="automation-budget"
        title="Each task of a run stops once it has cost this much; empty uses the engine's default budget."
        value={draft.budget}
        onChange={(budget) => onChange({ budget })}
      />
      <label className="field">
        <span className="field-label">Checks</span>
        <select
          className="input"
          aria-label="Checks"
          data-testid="automation-verify"
          value={draft.verify}
          onChange={(event) => onChange({ verify: event.target.value as VerifyChoice })}
        >
          <option value="repo">The repository’s</option>
          <option value="none">None</option>
          <option value="command">Its own command…</option>
        </select>
      </label>
      {draft.verify === 'command' && (
        <label className="field">
          <span className="field-label">Verify command</span>
          <input
            className="input mono"
            aria-label="Verify command"
            data-testid="automation-verify-command"
            spellCheck={false}
            placeholder="npm test"
            value={draft.verifyCommand}
            onChange={(event) => onChange({ verifyCommand: event.target.value })}
          />
        </label>
      )}
      {draft.verify !== 'none' && (
        <label className="field">
          <span className="field-label">Verify retries (0–{maxVerifyRetries})</span>
          <input
            className="input"
            inputMode="numeric"
            aria-label="Verify retries"
            data-testid="automation-verify-retries"
            placeholder="the repository’s"
            value={draft.verifyRetries}
            onChange={(event) => onChange({ verifyRetries: event.target.value })}
          />
        </label>
      )}
    </>
  );
}

/** The automation's limits: runs at once and what happens to events meanwhile, runs and dollars per day. */
export function LimitFields({ draft, onChange }: { draft: AutomationDraft; onChange: Change }) {
  return (
    <>
      <label className="field">
        <span className="field-label">Runs at once</span>
        <input
          className="input"
          inputMode="numeric"
          aria-label="Runs at once"
          data-testid="automation-max-concurrent"
          value={draft.maxConcurrent}
          onChange={(event) => onChange({ maxConcurrent: event.target.value })}
        />
      </label>
      <label className="field">
        <span className="field-label">An event while busy</span>
        <select
          className="input"
          aria-label="When busy"
          data-testid="automation-when-busy"
          value={draft.whenBusy}
          onChange={(event) => onChange({ whenBusy: event.target.value === 'skip' ? 'skip' : 'queue' })}
        >
          <option value="queue">Queue it for later</option>
          <option value="skip">Skip it</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">Runs per day</span>
        <input
          className="input"
          inputMode="numeric"
          aria-label="Runs per day"
          data-testid="automation-runs-per-day"
          placeholder="no limit"
          value={draft.maxRunsPerDay}
          onChange={(event) => onChange({ maxRunsPerDay: event.target.value })}
        />
      </label>
      <label className="field">
        <span className="field-label">US$ per day</span>
        <input
          className="input"
          inputMode="decimal"
          aria-label="Dollars per day"
          data-testid="automation-usd-per-day"
          placeholder="no limit"
          value={draft.maxUsdPerDay}
          onChange={(event) => onChange({ maxUsdPerDay: event.target.value })}
        />
      </label>
    </>
  );
}
