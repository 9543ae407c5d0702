import type { AutomationTrigger } from '../../../../shared/automation.js';

/** A github trigger. */
export type GithubTrigger = Extract<AutomationTrigger, { on: 'github' }>;
const githubKinds: { value: GithubTrigger['kinds'][number]; label: string }[] = [
  { value: 'issues', label: 'New issues' },
  { value: 'pulls', label: 'New pull requests' },
];

/** How often to ask GitHub (in minutes, kept as seconds), and for what: issues, pull requests or both. */
export function GithubFields({
  trigger,
  onChange,
}: {
  trigger: GithubTrigger;
  onChange(trigger: GithubTrigger): void;
}) {
  const toggle = (kind: GithubTrigger['kinds'][number], on: boolean) =>
    onChange({
      ...trigger,
      kinds: on ? [...new Set([...trigger.kinds, kind])] : trigger.kinds.filter((other) => other !== kind),
    });
  return (
    <>
      <label className="field">
        <span className="field-label">Check every (minutes)</span>
        <input
          className="input"
          type="number"
          min={1}
          aria-label="Check GitHub every, in minutes"
          data-testid="automation-github-interval"
          value={Math.round((trigger.intervalSeconds / 60) * 100) / 100}
          onChange={(event) => {
            const minutes = Number(event.target.value);
            if (Number.isFinite(minutes) && minutes > 0)
              onChange({ ...trigger, intervalSeconds: Math.max(1, Math.round(minutes * 60)) });
          }}
        />
      </label>
      <fieldset className="field github-kinds">
        <legend className="field-label">Watch</legend>
        {githubKinds.map((kind) => (
          <label key={kind.value} className="field checkbox">
            <input
              type="checkbox"
              data-testid={`automation-github-${kind.value}`}
              checked={trigger.kinds.includes(kind.value)}
              onChange={(event) => toggle(kind.value, event.target.checked)}
            />
            {kind.label}
          </label>
        ))}
      </fieldset>
      <p className="hint field-wide">
        Asks the repository’s GitHub remote through the gh command line (installed and logged in), as often as set.
      </p>
    </>
  );
}
