import { useStore } from '../../store/store.js';
import { AddRepoForm } from '../sidebar/add-repo-form.js';
import { shortcutModifier } from '../sidebar/sidebar-header.js';

/** First run: add a repository, then set a key or pick an agent already on this machine, then start a task. */
export function Welcome() {
  const agents = useStore((state) => state.agents);
  const providers = useStore((state) => state.providers);
  const showView = useStore((state) => state.showView);
  const hasKey = Object.values(providers).some((provider) => provider?.hasApiKey);
  const available = agents.filter((agent) => agent.available);
  return (
    <section className="welcome" aria-label="Welcome" data-testid="welcome">
      <h1>Welcome to Flotilla</h1>
      <p className="lead">
        Run several coding agents at once. Each task gets its own git worktree and branch, so agents never step on each
        other or on your checkout. You review each diff, then merge or discard it.
      </p>
      <ol className="steps">
        <li className="step">
          <h2>1. Add a repository</h2>
          <p className="hint">
            The folder of a git repository with at least one commit. Flotilla keeps each task’s worktree in its own data
            folder and never touches your checkout.
          </p>
          <AddRepoForm autoFocus />
        </li>
        <li className="step">
          <h2>2. Give the agent a model</h2>
          {hasKey ? (
            <p className="hint ok">An API key is set.</p>
          ) : (
            <p className="hint">
              The built-in agent needs an API key from Anthropic or OpenAI, or the address of an OpenAI-compatible
              server (Ollama, vLLM…). Already use Claude Code or Codex? Pick it as the agent in a new task instead.
            </p>
          )}
          <button
            type="button"
            className="button"
            data-testid="welcome-open-settings"
            onClick={() => showView('settings')}
          >
            {hasKey ? 'Review keys in Settings' : 'Set a key in Settings'}
          </button>
          {available.length > 0 && (
            <>
              <p className="hint">Or use an agent you already have:</p>
              <ul className="agent-list">
                {available.map((agent) => (
                  <li key={agent.id}>
                    <strong>{agent.name}</strong> <span className="hint">{agent.detail}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </li>
        <li className="step">
          <h2>3. Start a task</h2>
          <p className="hint">
            Press <kbd>{shortcutModifier()}N</kbd>, describe the work, and watch the agent in its thread. Start several:
            they run side by side.
          </p>
        </li>
      </ol>
    </section>
  );
}
