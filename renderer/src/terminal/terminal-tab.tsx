import { useEffect, useRef, useState } from 'react';
import { CopyButton } from '../components/copy-button.js';
import { ErrorText } from '../components/error-text.js';
import { useStore } from '../store/store.js';
import { errorText } from '../transport/client-error.js';
import { desktopBridge } from '../transport/desktop.js';
import { loadedTerminalModule, loadTerminalModule } from './terminal-chunk.js';

// Tasks whose Terminal tab already opened a first terminal by itself in this window: after the user closes it, the
// tab waits for "+".
const openedByItself = new Set<string>();

/**
 * A task's Terminal tab: its terminals (xterm.js, loaded on first use), or why there can be none (no worktree, or
 * this engine cannot run terminals, with "Open in terminal" instead).
 */
export function TerminalTab({ taskId }: { taskId: string }) {
  const worktree = useStore((state) => state.tasks[taskId]?.worktreePath ?? null);
  const hasWorktree = useStore((state) => {
    const task = state.tasks[taskId];
    return Boolean(task?.hasWorktree) && task?.status !== 'discarded';
  });
  const unavailable = useStore((state) => state.terminalsUnavailable);
  const loadTerminals = useStore((state) => state.loadTerminals);
  const connected = useStore((state) => state.connection === 'open');
  // Counts (re)connections: a terminal on screen attaches afresh after one, since output in between was not received.
  const [connections, setConnections] = useState(0);
  const [module, setModule] = useState(loadedTerminalModule);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const wasConnected = useRef(connected);
  useEffect(() => {
    if (connected && !wasConnected.current) setConnections((count) => count + 1);
    wasConnected.current = connected;
  }, [connected]);

  useEffect(() => {
    if (!hasWorktree || !connected) return;
    let current = true;
    loadTerminals(taskId).then(
      () => {
        if (!current) return;
        setLoaded(true);
        const state = useStore.getState();
        const none = (state.terminals[taskId] ?? []).length === 0;
        if (none && state.terminalsUnavailable === null && !openedByItself.has(taskId)) {
          openedByItself.add(taskId);
          state.openTerminal(taskId, { cols: 80, rows: 24 }).catch((failure: unknown) => setError(errorText(failure)));
        }
      },
      (failure: unknown) => current && setError(errorText(failure)),
    );
    return () => {
      current = false;
    };
  }, [taskId, hasWorktree, connected, loadTerminals]);

  useEffect(() => {
    if (module || !loaded || unavailable !== null) return;
    let current = true;
    loadTerminalModule().then(
      (ready) => current && setModule(ready),
      (failure: unknown) => current && setError(`Could not load the terminal: ${errorText(failure)}`),
    );
    return () => {
      current = false;
    };
  }, [module, loaded, unavailable]);

  if (!hasWorktree)
    return (
      <p className="hint terminal-message" data-testid="terminal-message">
        This task has no worktree now, so there is nowhere to open a terminal. A terminal opens in a task’s worktree
        once it has one (send a follow-up to bring a removed one back, or restore a discarded task).
      </p>
    );
  if (unavailable !== null && worktree) return <TerminalUnavailable reason={unavailable} worktree={worktree} />;
  if (error) return <ErrorText error={error} testId="terminal-error" />;
  if (!module || !loaded) return <p className="hint terminal-message">Loading the terminal…</p>;
  return <module.TerminalPanel taskId={taskId} connection={connections} />;
}

/** Where the engine cannot run terminals: why, and a terminal of the system's in the worktree instead. */
function TerminalUnavailable({ reason, worktree }: { reason: string; worktree: string }) {
  const desktop = desktopBridge();
  const [error, setError] = useState<string | null>(null);
  const openOutside = async () => {
    setError(null);
    try {
      await desktop?.['shell/openInTerminal']({ path: worktree });
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <div className="terminal-message" data-testid="terminal-unavailable">
      <p>
        <strong>No terminal in the window here.</strong> {reason}
      </p>
      {desktop ? (
        <button type="button" className="button" onClick={() => void openOutside()}>
          Open in terminal
        </button>
      ) : (
        <p className="hint">
          Open a terminal of your own in the worktree: <code>{worktree}</code>{' '}
          <CopyButton text={worktree} label="Copy the worktree path" />
        </p>
      )}
      <ErrorText error={error} />
    </div>
  );
}
