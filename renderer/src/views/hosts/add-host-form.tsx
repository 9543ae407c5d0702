import { useState, type FormEvent } from 'react';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';

/** Splits the ssh options field as a shell would for plain words: `-i ~/.ssh/box -p 2222` → four arguments. */
export function sshOptionWords(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

/** Adds a remote host (host/add): its name, ssh target and optional ssh options; the engine's error is shown as is. */
export function AddHostForm({ onDone, onCancel }: { onDone?: () => void; onCancel?: () => void }) {
  const addHost = useStore((state) => state.addHost);
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [options, setOptions] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const words = sshOptionWords(options);
      await addHost({ name: name.trim(), target: target.trim(), ...(words.length > 0 ? { sshOptions: words } : {}) });
      setName('');
      setTarget('');
      setOptions('');
      onDone?.();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="add-host-form" onSubmit={(event) => void submit(event)} data-testid="add-host-form">
      <h2>Add a host</h2>
      <p className="hint">
        Flotilla reaches the host with your system ssh (keys, agent and ~/.ssh/config as usual) and runs its agents
        there; they keep working when this window closes.
      </p>
      <label className="field-label" htmlFor="add-host-name">
        Name
      </label>
      <input
        id="add-host-name"
        className="input"
        placeholder="buildbox"
        value={name}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setName(event.target.value)}
      />
      <label className="field-label" htmlFor="add-host-target">
        SSH target
      </label>
      <input
        id="add-host-target"
        className="input"
        placeholder="ssh://me@buildbox or a Host alias from ~/.ssh/config"
        value={target}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setTarget(event.target.value)}
      />
      <label className="field-label" htmlFor="add-host-options">
        SSH options (optional)
      </label>
      <input
        id="add-host-options"
        className="input"
        placeholder="-i ~/.ssh/buildbox -o ServerAliveInterval=15"
        value={options}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setOptions(event.target.value)}
      />
      <div className="row">
        <button
          type="submit"
          className="button primary"
          data-testid="add-host-submit"
          disabled={busy || name.trim() === '' || target.trim() === ''}
        >
          {busy ? 'Connecting…' : 'Add host'}
        </button>
        {onCancel && (
          <button type="button" className="button ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ErrorText error={error} testId="add-host-error" />
    </form>
  );
}
