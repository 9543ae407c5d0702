import { useState } from 'react';
import { Dialog } from '../../components/dialog.js';
import { ErrorText } from '../../components/error-text.js';
import { formatCost } from '../../components/format.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { RunsList } from './runs-list.js';
import { runStateText } from './run-text.js';
import { describeTrigger } from './trigger-model.js';
import { WebhookAddress } from './webhook-address.js';

/** One automation: what starts it, the task it starts, its limits, Pause/Resume, Run now, Edit, Remove, last runs. */
export function AutomationDetail({ automationId, onEdit }: { automationId: string; onEdit(): void }) {
  const automation = useStore((state) => state.automations[automationId]);
  const repoName = useStore((state) => state.repos.find((repo) => repo.id === automation?.repoId)?.name ?? '');
  const setPaused = useStore((state) => state.setAutomationPaused);
  const runAutomation = useStore((state) => state.runAutomation);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  if (!automation) return null;
  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      setNote(await work());
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const { template, limits } = automation;
  const limitsText = [
    `${limits.maxConcurrent} at once, ${limits.whenBusy === 'queue' ? 'more wait' : 'more are skipped'}`,
    limits.maxRunsPerDay === null ? null : `${limits.maxRunsPerDay} runs a day`,
    limits.maxUsdPerDay === null ? null : `${formatCost(limits.maxUsdPerDay)} a day`,
  ].filter(Boolean);
  return (
    <section className="automation-detail" aria-label={automation.name} data-testid="automation-detail">
      <header className="automation-detail-header">
        <h2>{automation.name}</h2>
        <span className={`badge${automation.paused ? ' warn' : ' ok'}`} data-testid="automation-state">
          {automation.paused ? 'paused' : 'on'}
        </span>
        <span className="automation-actions">
          <button
            type="button"
            className="button"
            data-testid="automation-pause"
            disabled={busy}
            onClick={() => void act(() => setPaused(automation.id, !automation.paused).then(() => null))}
          >
            {automation.paused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            className="button"
            data-testid="automation-run-now"
            disabled={busy}
            title="Run it now, by hand (its limits still apply)"
            onClick={() =>
              void act(async () => {
                const run = await runAutomation(automation.id);
                return `${runStateText(run)}${run.detail ? `: ${run.detail}` : '.'}`;
              })
            }
          >
            Run now
          </button>
          <button type="button" className="button" data-testid="automation-edit" onClick={onEdit}>
            Edit
          </button>
          <button
            type="button"
            className="button danger"
            data-testid="automation-remove"
            onClick={() => setRemoving(true)}
          >
            Remove…
          </button>
        </span>
      </header>
      {automation.problem && (
        <p className="error-text" role="alert" data-testid="automation-problem">
          {automation.problem}
        </p>
      )}
      <dl className="automation-facts">
        <dt>Trigger</dt>
        <dd data-testid="automation-trigger-text">{describeTrigger(automation.trigger)}</dd>
        {automation.trigger.on === 'webhook' && (
          <>
            <dt>Address</dt>
            <dd>
              <WebhookAddress automationId={automation.id} />
            </dd>
          </>
        )}
        <dt>Repository</dt>
        <dd>{repoName}</dd>
        <dt>Prompt</dt>
        <dd>
          <pre className="automation-prompt-text">{template.prompt}</pre>
        </dd>
        <dt>Task</dt>
        <dd>
          {[
            template.agents?.join(', ') ?? 'default agent',
            template.model,
            template.attempts > 1 ? `${template.attempts} attempts` : null,
            template.base ? `from ${template.base}` : null,
            template.costBudgetUsd === null ? null : `${formatCost(template.costBudgetUsd)} budget`,
            template.verifyCommand === null
              ? 'repository’s checks'
              : template.verifyCommand === ''
                ? 'no checks'
                : `checks: ${template.verifyCommand}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </dd>
        <dt>Limits</dt>
        <dd>{limitsText.join(' · ')}</dd>
      </dl>
      {note && (
        <p className="hint" role="status" data-testid="automation-note">
          {note}
        </p>
      )}
      <ErrorText error={error} testId="automation-error" />
      <RunsList automationId={automation.id} />
      {removing && <RemoveDialog automationId={automation.id} onClose={() => setRemoving(false)} />}
    </section>
  );
}

function RemoveDialog({ automationId, onClose }: { automationId: string; onClose(): void }) {
  const name = useStore((state) => state.automations[automationId]?.name ?? automationId);
  const removeAutomation = useStore((state) => state.removeAutomation);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await removeAutomation(automationId);
      onClose();
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  };
  return (
    <Dialog look="review" title={`Remove ${name}?`} onClose={onClose} testId="automation-remove-dialog">
      <p>It stops firing. The tasks its runs started stay, with their history.</p>
      <ErrorText error={error} />
      <div className="fl-review-dialog-actions">
        <button type="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="fl-review-danger"
          disabled={busy}
          data-testid="automation-remove-confirm"
          onClick={() => void confirm()}
        >
          {busy ? 'Removing…' : 'Remove'}
        </button>
      </div>
    </Dialog>
  );
}
