import { useState, type FormEvent } from 'react';
import type { Task } from '../../../../shared/task.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { readBudgetField } from '../../components/budget-field.js';

/** A small form under the budget fact: a dollar and a token budget, saved together or removed. */
export function BudgetEditor({ task, onClose }: { task: Task; onClose(): void }) {
  const setBudget = useStore((state) => state.setBudget);
  const [usd, setUsd] = useState(task.costBudgetUsd === null ? '' : String(task.costBudgetUsd));
  const [tokens, setTokens] = useState(task.tokenBudget === null ? '' : String(task.tokenBudget));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (budget: { costBudgetUsd: number | null; tokenBudget: number | null }) => {
    setBusy(true);
    setError(null);
    try {
      await setBudget(task.id, budget);
      onClose();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const costBudgetUsd = readBudgetField(usd, false);
    const tokenBudget = readBudgetField(tokens, true);
    if (costBudgetUsd === 'invalid')
      return setError('Give the dollar budget as an amount above 0, such as 2 or 0.50, or leave it empty for none.');
    if (tokenBudget === 'invalid')
      return setError('Give the token budget as a whole number above 0, such as 200000, or leave it empty for none.');
    void save({ costBudgetUsd, tokenBudget });
  };
  return (
    <form
      className="budget-editor"
      data-testid="budget-editor"
      aria-label="Task budget"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <label className="field">
        <span className="field-label">Stop at (US$)</span>
        <input
          className="input"
          inputMode="decimal"
          aria-label="Cost budget in dollars"
          data-testid="budget-usd"
          placeholder="no limit"
          value={usd}
          autoFocus
          onChange={(event) => setUsd(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Stop at (tokens)</span>
        <input
          className="input"
          inputMode="numeric"
          aria-label="Token budget"
          data-testid="budget-tokens"
          placeholder="no limit"
          value={tokens}
          onChange={(event) => setTokens(event.target.value)}
        />
      </label>
      <div className="budget-actions">
        <button type="submit" className="button primary small" data-testid="budget-save" disabled={busy}>
          Save
        </button>
        <button
          type="button"
          className="button ghost small"
          data-testid="budget-remove"
          disabled={busy}
          onClick={() => void save({ costBudgetUsd: null, tokenBudget: null })}
        >
          Remove budget
        </button>
        <button type="button" className="button ghost small" onClick={onClose}>
          Cancel
        </button>
      </div>
      <ErrorText error={error} testId="budget-error" />
    </form>
  );
}
