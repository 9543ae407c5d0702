import { useId, type ReactNode } from 'react';
import type { AutomationTrigger } from '../../../../shared/automation.js';
import { GithubFields } from './github-fields.js';
import { NextRuns } from './next-runs.js';
import { taskWhenOptions } from './trigger-model.js';

/** The fields of the chosen kind of trigger; a change hands back the whole trigger. */
export function TriggerFields({
  trigger,
  branches,
  onChange,
}: {
  trigger: AutomationTrigger;
  /** The repository's branches, offered as the user types one. */
  branches: readonly string[];
  onChange(trigger: AutomationTrigger): void;
}) {
  const listId = useId();
  const branchOptions = (
    <datalist id={listId}>
      {branches.map((branch) => (
        <option key={branch} value={branch} />
      ))}
    </datalist>
  );
  switch (trigger.on) {
    case 'schedule':
      return (
        <>
          <label className="field">
            <span className="field-label">Cron expression</span>
            <input
              className="input mono"
              aria-label="Cron expression"
              data-testid="automation-cron"
              title="minute hour day month weekday, e.g. 0 7 * * 1-5; six fields with seconds first"
              spellCheck={false}
              value={trigger.cron}
              onChange={(event) => onChange({ ...trigger, cron: event.target.value })}
            />
          </label>
          <label className="field">
            <span className="field-label">Time zone</span>
            <input
              className="input"
              aria-label="Time zone"
              data-testid="automation-timezone"
              placeholder={`the engine machine’s (${localZone()})`}
              value={trigger.timezone ?? ''}
              onChange={(event) => onChange({ ...trigger, timezone: event.target.value.trim() || null })}
            />
          </label>
          <NextRuns cron={trigger.cron} timezone={trigger.timezone} />
        </>
      );
    case 'commit':
      return (
        <>
          <BranchField
            label="Branch to watch"
            listId={listId}
            value={trigger.branch}
            options={branchOptions}
            onChange={(branch) => onChange({ ...trigger, branch })}
          />
          <label className="field">
            <span className="field-label">Runs</span>
            <select
              className="input"
              aria-label="One run per"
              data-testid="automation-per"
              value={trigger.per}
              onChange={(event) => onChange({ ...trigger, per: event.target.value === 'commit' ? 'commit' : 'tip' })}
            >
              <option value="tip" title="Commits that land together (a pull, a push) make one run">
                One per new tip
              </option>
              <option value="commit">One per new commit</option>
            </select>
          </label>
          <label className="field checkbox field-wide">
            <input
              type="checkbox"
              data-testid="automation-own-merges"
              checked={trigger.includeOwnMerges}
              onChange={(event) => onChange({ ...trigger, includeOwnMerges: event.target.checked })}
            />
            Also when Flotilla merges a task into it (off, so an automation cannot feed itself)
          </label>
        </>
      );
    case 'verifyFailed':
      return (
        <>
          <BranchField
            label="Branch to check"
            listId={listId}
            value={trigger.branch}
            options={branchOptions}
            onChange={(branch) => onChange({ ...trigger, branch })}
          />
          <label className="field checkbox field-wide">
            <input
              type="checkbox"
              data-testid="automation-own-merges"
              checked={trigger.includeOwnMerges}
              onChange={(event) => onChange({ ...trigger, includeOwnMerges: event.target.checked })}
            />
            Also check tips Flotilla made by merging a task
          </label>
          <p className="hint field-wide">
            Each new tip is checked with the repository’s verify command in a scratch worktree (never your checkout); a
            failure starts a run with its output in {'{{failure.output}}'}.
          </p>
        </>
      );
    case 'webhook':
      return (
        <p className="hint field-wide" data-testid="automation-webhook-hint">
          It runs when a signed POST reaches the engine’s server at /hooks/&lt;its id&gt; (GitHub’s X-Hub-Signature-256,
          or the secret in an X-Flotilla-Secret header). Its address and secret show once it is saved.
        </p>
      );
    case 'github':
      return <GithubFields trigger={trigger} onChange={onChange} />;
    case 'task':
      return (
        <>
          <label className="field">
            <span className="field-label">When another task</span>
            <select
              className="input"
              aria-label="When another task"
              data-testid="automation-task-when"
              value={trigger.when}
              onChange={(event) =>
                onChange({ ...trigger, when: event.target.value as Extract<AutomationTrigger, { on: 'task' }>['when'] })
              }
            >
              {taskWhenOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">On branch</span>
            <input
              className="input mono"
              aria-label="Only tasks on branch"
              data-testid="automation-task-branch"
              placeholder="any branch"
              list={listId}
              spellCheck={false}
              value={trigger.branch ?? ''}
              onChange={(event) => onChange({ ...trigger, branch: event.target.value.trim() || null })}
            />
            {branchOptions}
          </label>
        </>
      );
    default: {
      const unknown: never = trigger;
      return <p className="hint">This window does not know the trigger {JSON.stringify(unknown)}.</p>;
    }
  }
}

/** The branch a commit or verify-failed trigger follows, with the repository's branches offered as one types. */
function BranchField(props: {
  label: string;
  listId: string;
  value: string;
  options: ReactNode;
  onChange(branch: string): void;
}) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <input
        className="input mono"
        aria-label={props.label}
        data-testid="automation-branch"
        list={props.listId}
        spellCheck={false}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.options}
    </label>
  );
}

function localZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'Europe/Oslo';
  }
}
