import type { CommandParams } from '../../../../shared/commands.js';
import { maxVerifyRetries } from '../../../../shared/verify.js';
import { useStore } from '../../store/store.js';

/** The composer's checks and group choices; empty fields mean the repository's settings. */
export interface CheckChoices {
  /** This task's verify command as typed; empty uses the repository's. */
  verifyCommand: string;
  /** Run no checks for this task, whatever the repository sets. */
  skipChecks: boolean;
  /** Retries as typed; empty uses the repository's. */
  verifyRetries: string;
  /** Several tasks only: rank them with the judge once all are verified. */
  judge: boolean;
  /** Several tasks only: once ranked, start one more that combines the best of each (implies judge). */
  synthesize: boolean;
  /** One task only: "Plan and delegate", the task leads an agent team. */
  team: boolean;
}

/** Check choices a composer starts with: the repository's settings, no judging. */
export const defaultCheckChoices: CheckChoices = {
  verifyCommand: '',
  skipChecks: false,
  verifyRetries: '',
  judge: false,
  synthesize: false,
  team: false,
};

/** Why the judge is off for this many tasks, or null while it is on. */
export function judgeDisabledReason(taskCount: number): string | null {
  return taskCount > 1 ? null : 'Judging compares attempts: raise Attempts above 1 or also run it with another agent.';
}

type CheckParams = Pick<
  CommandParams<'task/create'>,
  'verifyCommand' | 'verifyRetries' | 'judge' | 'synthesize' | 'team'
>;

/** The task/create fields the check choices give, or what to write instead of retries that are not a number. */
export function readCheckChoices(
  choices: CheckChoices,
  taskCount: number,
): { params: CheckParams } | { error: string } {
  const params: CheckParams = {};
  if (choices.skipChecks) params.verifyCommand = '';
  else if (choices.verifyCommand.trim()) params.verifyCommand = choices.verifyCommand.trim();
  const typed = choices.verifyRetries.trim();
  if (typed && !choices.skipChecks) {
    const retries = Number(typed);
    if (!Number.isInteger(retries) || retries < 0 || retries > maxVerifyRetries)
      return {
        error: `Give the retries as a whole number from 0 to ${maxVerifyRetries}, or leave it empty for the repository's.`,
      };
    params.verifyRetries = retries;
  }
  if (taskCount > 1) {
    if (choices.synthesize) params.synthesize = true;
    if (choices.judge || choices.synthesize) params.judge = true;
  } else if (choices.team) params.team = true;
  return { params };
}

/**
 * The composer's "Checks" section, closed until opened: this task's verify command and retries instead of the
 * repository's (or none); and, for several attempts, "Judge the attempts" and "Synthesize the best".
 */
export function ComposerChecks({
  repoId,
  taskCount,
  choices,
  onChange,
}: {
  repoId: string;
  taskCount: number;
  choices: CheckChoices;
  onChange(change: Partial<CheckChoices>): void;
}) {
  const repo = useStore((state) => state.repos.find((known) => known.id === repoId));
  const repoCommand = repo?.settings.verifyCommand.trim() ?? '';
  const judgeReason = judgeDisabledReason(taskCount);
  const changed =
    choices.skipChecks ||
    choices.verifyCommand.trim() !== '' ||
    choices.verifyRetries.trim() !== '' ||
    (taskCount > 1 && (choices.judge || choices.synthesize));
  const command = choices.verifyCommand.trim() || repoCommand;
  const summary = choices.skipChecks ? (
    'none for this task'
  ) : command ? (
    <code>{command}</code>
  ) : (
    'none set for this repository'
  );
  return (
    // Open for several attempts too, so judging and synthesis are seen where they apply.
    <details className="composer-checks" data-testid="composer-checks" open={changed || taskCount > 1 || undefined}>
      <summary>
        {taskCount > 1 ? 'Checks and judging' : 'Checks'} <span className="hint">{summary}</span>
        {taskCount > 1 && choices.judge && <span className="hint"> · judged</span>}
        {taskCount > 1 && choices.synthesize && <span className="hint"> · synthesized</span>}
      </summary>
      <div className="composer-checks-body">
        <label className="field composer-verify-field">
          <span className="field-label">Verify command for this task</span>
          <input
            className="input mono"
            aria-label="Verify command for this task"
            data-testid="composer-verify"
            placeholder={repoCommand ? `${repoCommand} (the repository's)` : 'None set for this repository'}
            spellCheck={false}
            disabled={choices.skipChecks}
            value={choices.verifyCommand}
            onChange={(event) => onChange({ verifyCommand: event.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">Retries after a failure</span>
          <input
            className="input"
            inputMode="numeric"
            aria-label="Verify retries for this task"
            data-testid="composer-verify-retries"
            placeholder={repo ? `${repo.settings.verifyRetries} (the repository's)` : ''}
            disabled={choices.skipChecks}
            value={choices.verifyRetries}
            onChange={(event) => onChange({ verifyRetries: event.target.value })}
          />
        </label>
        <label className="field checkbox">
          <input
            type="checkbox"
            aria-label="Run no checks for this task"
            data-testid="composer-skip-checks"
            checked={choices.skipChecks}
            onChange={(event) => onChange({ skipChecks: event.target.checked })}
          />
          <span>No checks for this task</span>
        </label>
        <label className="field checkbox" title={judgeReason ?? undefined}>
          <input
            type="checkbox"
            aria-label="Judge the attempts"
            aria-describedby={judgeReason ? 'composer-judge-reason' : undefined}
            data-testid="composer-judge"
            disabled={judgeReason !== null}
            checked={judgeReason === null && (choices.judge || choices.synthesize)}
            onChange={(event) => onChange(event.target.checked ? { judge: true } : { judge: false, synthesize: false })}
          />
          <span>Judge the attempts</span>
        </label>
        <label
          className="field checkbox"
          title={judgeReason ?? 'Once ranked, one more attempt combines the best of each.'}
        >
          <input
            type="checkbox"
            aria-label="Synthesize the best"
            data-testid="composer-synthesize"
            disabled={judgeReason !== null}
            checked={judgeReason === null && choices.synthesize}
            onChange={(event) =>
              onChange(event.target.checked ? { synthesize: true, judge: true } : { synthesize: false })
            }
          />
          <span>Synthesize the best</span>
        </label>
        {judgeReason && (
          <p className="hint composer-judge-reason" id="composer-judge-reason" data-testid="composer-judge-reason">
            {judgeReason}
          </p>
        )}
      </div>
    </details>
  );
}
