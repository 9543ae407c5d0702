import { useState } from 'react';
import { budgetReached, formatBudgetUsd, totalTokens } from '../../../../shared/budget.js';
import type { Task } from '../../../../shared/task.js';
import { formatTokens } from '../../components/format.js';
import { BudgetEditor } from './budget-editor.js';

/**
 * The task's budget in the thread header: what it has spent against each budget it has, a warning
 * once one is reached, and a button to set, raise or remove the budget.
 */
export function BudgetFact({ task }: { task: Task }) {
  const [editing, setEditing] = useState(false);
  const reached = budgetReached(task) !== null;
  const parts = [
    task.costBudgetUsd === null ? null : `$${task.usage.costUsd.toFixed(2)} of ${formatBudgetUsd(task.costBudgetUsd)}`,
    task.tokenBudget === null
      ? null
      : `${formatTokens(totalTokens(task.usage))} of ${formatTokens(task.tokenBudget)} tokens`,
  ].filter((part): part is string => part !== null);
  const closed = task.status === 'merged' || task.status === 'discarded';
  return (
    <span className="fact budget-fact" data-testid="task-budget">
      <span className="fact-label">budget</span>
      {parts.length > 0 ? <span data-testid="task-budget-text">{parts.join(' · ')}</span> : <span>none</span>}
      {reached && (
        <span
          className="badge warn"
          data-testid="budget-reached"
          title="The agent was stopped at this budget; raise it to let the agent go on."
        >
          reached
        </span>
      )}
      {!closed && (
        <button
          type="button"
          className="button small ghost"
          data-testid="budget-edit"
          aria-expanded={editing}
          onClick={() => setEditing((open) => !open)}
        >
          {reached ? 'Raise…' : parts.length > 0 ? 'Change…' : 'Set…'}
        </button>
      )}
      {editing && <BudgetEditor task={task} onClose={() => setEditing(false)} />}
    </span>
  );
}
