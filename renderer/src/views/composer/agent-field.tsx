import { useRef } from 'react';
import { useStore } from '../../store/store.js';

/** Where the composer's agent came from: the Settings default, the last task, a task run again, or the user's pick. */
export type AgentOrigin = 'default' | 'lastUsed' | 'runAgain' | 'fallback' | 'picked';

/**
 * The agent picker, with a line saying which agent the next task uses and why ("Agent: Codex
 * (last used) · change"), so a remembered choice is never silent. The Settings default is marked.
 */
export function AgentField({
  agent,
  origin,
  onChange,
}: {
  agent: string;
  origin: AgentOrigin;
  onChange(agent: string): void;
}) {
  const agents = useStore((state) => state.agents);
  const defaultAgent = useStore((state) => state.engineSettings?.defaultAgent ?? '');
  const select = useRef<HTMLSelectElement>(null);
  const nameOf = (id: string) => agents.find((known) => known.id === id)?.name ?? id;
  const defaultUsable = agents.some((known) => known.id === defaultAgent && known.available);
  const change = () => {
    select.current?.focus();
    try {
      select.current?.showPicker?.();
    } catch {
      // Some browsers only open a picker on a click; the focus is enough there.
    }
  };
  const why: Record<AgentOrigin, string | null> = {
    default: 'the default in Settings',
    lastUsed: 'last used',
    runAgain: 'as the task run again',
    fallback: defaultAgent ? `${nameOf(defaultAgent)}, the default, cannot run here` : null,
    picked: null,
  };
  const reason = why[origin];
  return (
    <div className="field">
      <span className="field-label">Agent</span>
      <select
        ref={select}
        className="input"
        aria-label="Agent"
        data-testid="composer-agent"
        value={agent}
        onChange={(event) => onChange(event.target.value)}
      >
        {agents.length === 0 && <option value={agent}>{agent || 'Default agent'}</option>}
        {agents.map((known) => (
          <option key={known.id} value={known.id} disabled={!known.available} title={known.detail}>
            {known.name}
            {known.id === defaultAgent ? ' (default)' : ''}
            {known.available ? '' : ' (not available)'}
          </option>
        ))}
      </select>
      {reason && agent && (
        <span className="hint composer-agent-source" data-testid="composer-agent-source">
          Agent: {nameOf(agent)} ({reason}) ·{' '}
          <button type="button" className="link-button" onClick={change}>
            change
          </button>
          {origin === 'lastUsed' && defaultUsable && defaultAgent !== agent && (
            <>
              {' · '}
              <button type="button" className="link-button" onClick={() => onChange(defaultAgent)}>
                use the default, {nameOf(defaultAgent)}
              </button>
            </>
          )}
        </span>
      )}
    </div>
  );
}
