import { useState } from 'react';
import type { DesktopCommandName } from '../../../../shared/bridge.js';
import { ErrorText } from '../../components/error-text.js';
import { errorText } from '../../transport/client-error.js';
import { desktopBridge } from '../../transport/desktop.js';

const actions: {
  command: Extract<DesktopCommandName, 'shell/openInEditor' | 'shell/openInTerminal' | 'shell/openPath'>;
  label: string;
  title: string;
}[] = [
  { command: 'shell/openInEditor', label: 'Editor', title: 'Open the worktree in your editor' },
  { command: 'shell/openInTerminal', label: 'Terminal', title: 'Open a terminal in the worktree' },
  { command: 'shell/openPath', label: 'Files', title: 'Show the worktree in the file manager' },
];

/** In the desktop app: open a task's worktree in the editor, a terminal or the file manager. Nothing in a browser. */
export function OpenButtons({ path }: { path: string }) {
  const desktop = desktopBridge();
  const [error, setError] = useState<string | null>(null);
  if (!desktop) return null;
  const run = async (command: (typeof actions)[number]['command']) => {
    setError(null);
    try {
      await desktop[command]({ path });
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <span className="open-buttons" role="group" aria-label="Open the worktree">
      {actions.map((action) => (
        <button
          key={action.command}
          type="button"
          className="button small"
          aria-label={action.title}
          title={action.title}
          onClick={() => void run(action.command)}
        >
          {action.label}
        </button>
      ))}
      <ErrorText error={error} />
    </span>
  );
}
