import { useId, useState, type FormEvent } from 'react';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { desktopBridge } from '../../transport/desktop.js';

/** A path field that adds a repository; the engine's error, which says what to do, is shown as is. */
export function AddRepoForm({ onDone, autoFocus }: { onDone?: () => void; autoFocus?: boolean }) {
  const addRepo = useStore((state) => state.addRepo);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // The welcome page and the sidebar can both show this form: each field needs its own id for its label.
  const fieldId = useId();
  const desktop = desktopBridge();
  const choose = async () => {
    try {
      const picked = await desktop?.['dialog/pickFolder']({ title: 'Choose a git repository' });
      if (picked?.path) setPath(picked.path);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const { repo, alreadyAdded } = await addRepo(path);
      setPath('');
      if (alreadyAdded) setNote(`${repo.name} was already added.`);
      else onDone?.();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="add-repo-form" onSubmit={(event) => void submit(event)} data-testid="add-repo-form">
      <label className="field-label" htmlFor={fieldId}>
        Repository folder
      </label>
      <div className="row">
        <input
          id={fieldId}
          className="input"
          data-testid="add-repo-path"
          aria-label="Repository path"
          placeholder="~/code/project"
          value={path}
          autoFocus={autoFocus}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setPath(event.target.value)}
        />
        {desktop && (
          <button
            type="button"
            className="button"
            data-testid="add-repo-choose"
            aria-label="Choose the repository folder"
            disabled={busy}
            onClick={() => void choose()}
          >
            Choose…
          </button>
        )}
        <button
          type="submit"
          className="button primary"
          data-testid="add-repo-submit"
          disabled={busy || path.trim() === ''}
        >
          {busy ? 'Adding…' : 'Add'}
        </button>
      </div>
      <ErrorText error={error} testId="add-repo-error" />
      {note && <p className="hint">{note}</p>}
    </form>
  );
}
