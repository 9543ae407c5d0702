import { useStore } from '../../store/store.js';

/** Why "Plan and delegate" is off for these choices, or null while it can be ticked. */
export function teamDisabledReason(
  agent: { id: string; name: string; leadsTeams?: boolean } | undefined,
  taskCount: number,
): string | null {
  if (taskCount > 1) return 'A team has one lead: set Attempts to 1 and compare with no other agent.';
  if (agent && agent.leadsTeams === false)
    return `${agent.name} cannot lead a team (it takes no team tools): choose the Flotilla agent, Claude Code, Codex or an ACP agent.`;
  return null;
}

/**
 * The composer's "Plan and delegate" box: the task leads an agent team, whose agent can start subtasks (each in its own
 * worktree from the lead's branch), message them and merge them into its branch.
 */
export function TeamField({
  agent,
  taskCount,
  checked,
  onChange,
}: {
  agent: string;
  taskCount: number;
  checked: boolean;
  onChange(team: boolean): void;
}) {
  const info = useStore((state) => state.agents.find((candidate) => candidate.id === agent));
  const reason = teamDisabledReason(info, taskCount);
  return (
    <label
      className="field checkbox"
      title={reason ?? 'The agent splits the work into subtasks, each in its own worktree, and merges them.'}
    >
      <input
        type="checkbox"
        aria-label="Plan and delegate"
        data-testid="composer-team"
        disabled={reason !== null}
        checked={reason === null && checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>Plan and delegate</span>
    </label>
  );
}
