import { useState } from 'react';
import { errorText } from '../../transport/client-error.js';

/** Runs an async action for a form: busy while it runs, the engine's error if it fails, a short "Saved" note after. */
export function useAction(): {
  busy: boolean;
  error: string | null;
  done: string | null;
  run(action: () => Promise<unknown>, doneText?: string): Promise<boolean>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    busy,
    error,
    done,
    async run(action, doneText = 'Saved.') {
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        await action();
        setDone(doneText);
        return true;
      } catch (failure) {
        setError(errorText(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
