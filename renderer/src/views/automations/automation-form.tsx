import { useEffect, useState, type FormEvent } from 'react';
import type { Automation, TriggerKind } from '../../../../shared/automation.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { draftOf, newDraft, readDraft, switchTrigger, type AutomationDraft } from './automation-draft.js';
import { PromptField } from './prompt-field.js';
import { LimitFields, TemplateFields } from './template-fields.js';
import { TriggerFields } from './trigger-fields.js';
import { triggerKindLabels, triggerKinds } from './trigger-model.js';

/**
 * Creates an automation, or edits one: repository, name, trigger, prompt (with the trigger's variables), the task it
 * starts and its limits. What the engine refuses (a bad cron, a branch, a variable the trigger lacks) shows in its
 * words, and the form keeps what was typed.
 */
export function AutomationForm({
  automation,
  onDone,
  onCancel,
}: {
  /** The automation to edit; none to create one. */
  automation?: Automation;
  onDone(automation: Automation): void;
  onCancel(): void;
}) {
  const repos = useStore((state) => state.repos);
  const createAutomation = useStore((state) => state.createAutomation);
  const updateAutomation = useStore((state) => state.updateAutomation);
  const [draft, setDraft] = useState<AutomationDraft>(() =>
    automation ? draftOf(automation) : newDraft(repos[0]?.id ?? ''),
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const change = (part: Partial<AutomationDraft>) => setDraft((current) => ({ ...current, ...part }));
  const loadBranches = useStore((state) => state.loadBranches);
  const branchList = useStore((state) => state.branches[draft.repoId]);
  const currentBranch = (repoId: string) => useStore.getState().branches[repoId]?.current ?? undefined;
  useEffect(() => {
    if (draft.repoId) void loadBranches(draft.repoId).catch(() => undefined);
  }, [draft.repoId, loadBranches]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const read = readDraft(draft);
    if ('error' in read) {
      setError(read.error);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const { repoId: _repo, paused: _paused, ...changes } = read.input;
      onDone(automation ? await updateAutomation(automation.id, changes) : await createAutomation(read.input));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="automation-form"
      aria-label={automation ? `Edit ${automation.name}` : 'New automation'}
      data-testid="automation-form"
      onSubmit={(event) => void save(event)}
    >
      <h2 className="automation-form-title">{automation ? `Edit ${automation.name}` : 'New automation'}</h2>
      <fieldset className="form-grid">
        <legend className="section-legend">What starts it</legend>
        <label className="field">
          <span className="field-label">Repository</span>
          <select
            className="input"
            aria-label="Repository"
            data-testid="automation-repo"
            disabled={automation !== undefined}
            title={automation ? 'An automation stays with its repository; make a new one for another.' : undefined}
            value={draft.repoId}
            onChange={(event) => change({ repoId: event.target.value })}
          >
            {repos.map((repo) => (
              <option key={repo.id} value={repo.id}>
                {repo.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Name (letters, digits, - _ .)</span>
          <input
            className="input"
            aria-label="Name"
            data-testid="automation-name"
            placeholder="review"
            value={draft.name}
            onChange={(event) => change({ name: event.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">Trigger</span>
          <select
            className="input"
            aria-label="Trigger"
            data-testid="automation-trigger"
            value={draft.trigger.on}
            onChange={(event) =>
              setDraft((current) =>
                switchTrigger(current, event.target.value as TriggerKind, currentBranch(current.repoId)),
              )
            }
          >
            {triggerKinds.map((kind) => (
              <option key={kind} value={kind}>
                {triggerKindLabels[kind]}
              </option>
            ))}
          </select>
        </label>
        <TriggerFields
          trigger={draft.trigger}
          branches={branchList?.branches ?? []}
          onChange={(trigger) => change({ trigger })}
        />
      </fieldset>
      <fieldset className="form-grid">
        <legend className="section-legend">The task it starts</legend>
        <PromptField prompt={draft.prompt} kind={draft.trigger.on} onChange={(prompt) => change({ prompt })} />
        <TemplateFields draft={draft} onChange={change} />
      </fieldset>
      <fieldset className="form-grid">
        <legend className="section-legend">Limits</legend>
        <LimitFields draft={draft} onChange={change} />
      </fieldset>
      <ErrorText error={error} testId="automation-form-error" />
      <div className="form-actions">
        <button type="submit" className="button primary" data-testid="automation-save" disabled={saving}>
          {saving ? 'Saving…' : automation ? 'Save changes' : 'Create automation'}
        </button>
        <button type="button" className="button ghost" data-testid="automation-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
