import { useState, type FormEvent } from 'react';
import { ErrorText } from '../../components/error-text.js';
import type { AgentInfo } from '../../store/settings-slice.js';
import { useStore } from '../../store/store.js';
import { useAction } from './use-action.js';

/** The folder each CLI agent keeps its own login in, for the "use my own login" choice. */
const userFolders: Record<string, string> = { 'claude-code': '~/.claude', codex: '~/.codex' };

/** One agent in Settings: whether it can run and why, and for external agents a form for its program path and login. */
export function AgentRow({ agent }: { agent: AgentInfo }) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="agent-row" data-testid="agent-row" data-agent-id={agent.id}>
      <div>
        <span className={`badge ${agent.available ? 'ok' : 'muted'}`}>
          {agent.available ? 'available' : 'not available'}
        </span>{' '}
        <strong>{agent.name}</strong>
        {agent.configHome === 'user' && <span className="badge">own login</span>}
        <span className="hint" data-testid="agent-detail">
          {' '}
          {agent.detail}
        </span>
        {agent.configurable && (
          <button
            type="button"
            className="button small ghost"
            aria-expanded={editing}
            aria-label={`Set up ${agent.name}`}
            data-testid="agent-edit"
            onClick={() => setEditing((open) => !open)}
          >
            Set up…
          </button>
        )}
      </div>
      {editing && <AgentForm agent={agent} onDone={() => setEditing(false)} />}
    </li>
  );
}

function AgentForm({ agent, onDone }: { agent: AgentInfo; onDone(): void }) {
  const configureAgent = useStore((state) => state.configureAgent);
  const [path, setPath] = useState(agent.path ?? '');
  const [ownLogin, setOwnLogin] = useState(agent.configHome === 'user');
  const action = useAction();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const change = {
      path: path.trim() === '' ? null : path.trim(),
      ...(agent.configHome === null ? {} : { configHome: ownLogin ? ('user' as const) : ('flotilla' as const) }),
    };
    if (await action.run(() => configureAgent(agent.id, change))) onDone();
  };
  const folder = userFolders[agent.id];
  return (
    <form
      className="agent-form"
      onSubmit={(event) => void save(event)}
      aria-label={`${agent.name} set-up`}
      data-testid="agent-form"
    >
      <label className="field">
        <span className="field-label">Program (empty: look it up on PATH)</span>
        <input
          className="input"
          aria-label={`${agent.name} program path`}
          data-testid="agent-path"
          spellCheck={false}
          placeholder="on PATH"
          value={path}
          onChange={(event) => setPath(event.target.value)}
        />
      </label>
      {agent.configHome !== null && (
        <label className="field checkbox">
          <input
            type="checkbox"
            aria-label={`Use my own ${agent.name} login`}
            data-testid="agent-own-login"
            checked={ownLogin}
            onChange={(event) => setOwnLogin(event.target.checked)}
          />
          <span>
            Use my own login and settings ({folder}). Off: Flotilla gives {agent.name} a folder of its own and the API
            key from Model providers, and never writes to {folder}.
          </span>
        </label>
      )}
      <div className="row form-actions">
        <button type="submit" className="button primary small" data-testid="agent-save" disabled={action.busy}>
          {action.busy ? 'Checking…' : 'Save'}
        </button>
        <button type="button" className="button ghost small" onClick={onDone}>
          Cancel
        </button>
      </div>
      <ErrorText error={action.error} testId="agent-error" />
    </form>
  );
}
