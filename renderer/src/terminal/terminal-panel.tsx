import { useState } from 'react';
import type { TerminalInfo } from '../../../shared/terminal.js';
import { ErrorText } from '../components/error-text.js';
import { useStore } from '../store/store.js';
import { errorText } from '../transport/client-error.js';
import { TerminalView } from './terminal-view.js';
import './terminal.css';

const noTerminals: readonly TerminalInfo[] = [];

/**
 * The Terminal tab's content once its code has loaded: a tab per open terminal of the task, "+" for another, and the
 * terminal shown, attached afresh on every `connection` (a count of the window's connections to the engine). (Loaded
 * as its own chunk with xterm.js; terminal-tab.tsx loads it.)
 */
export function TerminalPanel({ taskId, connection = 0 }: { taskId: string; connection?: number }) {
  const terminals = useStore((state) => state.terminals[taskId] ?? noTerminals);
  const shownId = useStore((state) => state.shownTerminal[taskId]);
  const showTerminal = useStore((state) => state.showTerminal);
  const openTerminal = useStore((state) => state.openTerminal);
  const closeTerminal = useStore((state) => state.closeTerminal);
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const shown = terminals.find((one) => one.terminalId === shownId) ?? terminals[0];

  const open = async () => {
    setError(null);
    setOpening(true);
    try {
      await openTerminal(taskId, { cols: 80, rows: 24 });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setOpening(false);
    }
  };
  const close = (terminal: TerminalInfo) => {
    setError(null);
    closeTerminal(terminal).catch((failure: unknown) => setError(errorText(failure)));
  };

  return (
    <div className="terminal-panel">
      <div className="terminal-tabs" role="tablist" aria-label="Terminals">
        {terminals.map((terminal) => (
          <span key={terminal.terminalId} className="terminal-tab" data-selected={terminal === shown}>
            <button
              type="button"
              role="tab"
              aria-selected={terminal === shown}
              className="terminal-tab-name"
              data-testid="terminal-tab"
              onClick={() => showTerminal(taskId, terminal.terminalId)}
            >
              {terminal.title}
              {terminal.exit && <span className="hint"> (ended)</span>}
            </button>
            <button
              type="button"
              className="icon-button terminal-tab-close"
              aria-label={`Close ${terminal.title}`}
              title={`Close ${terminal.title}`}
              onClick={() => close(terminal)}
            >
              ×
            </button>
          </span>
        ))}
        <button
          type="button"
          className="icon-button terminal-add"
          aria-label="Open another terminal"
          title="Open another terminal in the worktree"
          data-testid="terminal-add"
          disabled={opening}
          onClick={() => void open()}
        >
          +
        </button>
        <span className="hint terminal-note">Runs as you in the worktree, outside the agent sandbox.</span>
      </div>
      <ErrorText error={error} testId="terminal-error" />
      {shown ? (
        <TerminalView key={`${shown.terminalId}:${connection}`} terminal={shown} />
      ) : (
        <div className="terminal-empty">
          <p className="hint">No terminal is open on this task.</p>
          <button type="button" className="button" disabled={opening} onClick={() => void open()}>
            Open a terminal
          </button>
        </div>
      )}
    </div>
  );
}
